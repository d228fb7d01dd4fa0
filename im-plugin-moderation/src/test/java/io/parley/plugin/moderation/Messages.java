package io.parley.plugin.moderation;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.Platform;
import java.util.Optional;

/** Outgoing messages for unit tests of the interceptors. */
public final class Messages {
    private Messages() {
    }

    public static OutgoingMessage fromClient(ConversationType type, String from, String to, String objectName,
            String content) {
        return new OutgoingMessage(type, from, to, objectName, content, Optional.empty(), Optional.empty(), true, true,
                false, "cid-" + System.nanoTime(), Optional.of(Platform.ANDROID));
    }

    public static OutgoingMessage text(String from, String to, String content) {
        return fromClient(ConversationType.PRIVATE, from, to, "RC:TxtMsg", content);
    }
}
