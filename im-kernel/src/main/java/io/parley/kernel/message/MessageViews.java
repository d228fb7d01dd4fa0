package io.parley.kernel.message;

import io.parley.api.model.Message;
import io.parley.api.plugin.MessageView;
import java.util.List;

/**
 * Every plugin's {@link MessageView}, in plugin order: how sync, history and the conversation list serve a stored
 * message. Immutable; thread-safe.
 */
public final class MessageViews {
    private final List<MessageView> views;

    public MessageViews(List<MessageView> views) {
        this.views = List.copyOf(views);
    }

    /** No views: every message served as stored. */
    public static MessageViews none() {
        return new MessageViews(List.of());
    }

    public Message present(Message stored) {
        Message shown = stored;
        for (MessageView view : views) {
            shown = view.present(shown);
        }
        return shown;
    }
}
