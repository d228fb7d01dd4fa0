package io.parley.plugin.chatroom;

import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.route.ApiRequest;

/**
 * Sends {@link MemberNotice}s to the users RongCloud tells: a room's members (gag and ungag, mute-all and its
 * end, whitelist changes, a block, which reaches the blocked members too before they are removed) on every node,
 * or the users concerned themselves (a mute in every room and its end, an unblock) wherever they are connected.
 * Only when the call passes {@code needNotify=true} (RongCloud's default is false); best effort, like every EVENT
 * frame: a device that is not connected then is not told later. Run on server-API worker threads.
 */
final class MemberNotices {
    private final ChatroomRegistry registry;
    private final RoomPeers peers;

    MemberNotices(ChatroomRegistry registry, RoomPeers peers) {
        this.registry = registry;
        this.peers = peers;
    }

    /** Whether the call asks for a notice ({@code needNotify}, false when absent). */
    static boolean wanted(ApiRequest request) {
        return request.bool("needNotify", false);
    }

    /** The call's {@code extra}, empty when absent. */
    static String extra(ApiRequest request) {
        return request.optional("extra").orElse("");
    }

    /** Tells the room's members, on this node and the others. */
    void toRoom(MemberNotice notice) {
        toRoomHere(notice);
        peers.told(notice);
    }

    /** Tells the room's members connected to this node (a notice from another node comes here too). */
    void toRoomHere(MemberNotice notice) {
        registry.loaded(notice.roomId()).ifPresent(room ->
                registry.online().sendEvent(room.members().keySet(), notice.event(), notice.body(), false));
    }

    /** Tells the users the notice names, on whichever node they are connected. */
    void toUsers(MemberNotice notice) {
        OnlineDirectory online = registry.online();
        online.sendEvent(notice.userIds(), notice.event(), notice.body(), false);
    }
}
