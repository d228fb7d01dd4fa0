package io.parley.plugin.chatroom;

import io.parley.api.plugin.ImPlugin;

/**
 * The chatroom plugin: RongCloud-style chatrooms, online only, with unlimited members and lossy delivery
 * under overload. It will contribute the {@code chatroom} business type (read diffusion from an in-memory
 * ring per room), the chatroom message types, and the {@code /chatroom/...} server-API routes.
 *
 * <p>This is a shell until its issue lands: it only names itself and contributes nothing yet.
 */
public final class ChatroomPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code chatroom.*}). */
    @Override
    public String name() {
        return "chatroom";
    }
}
