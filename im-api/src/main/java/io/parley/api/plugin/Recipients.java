package io.parley.api.plugin;

import java.util.List;

/**
 * Who receives a message.
 *
 * @param inboxOwners users whose inbox gets the message (stored messages) and whose devices get it
 *     (all messages); the sender is listed here when its other devices should get it too
 */
public record Recipients(List<String> inboxOwners) {
    public Recipients {
        inboxOwners = List.copyOf(inboxOwners);
    }
}
