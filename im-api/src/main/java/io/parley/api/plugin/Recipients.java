package io.parley.api.plugin;

import java.util.List;

/**
 * Who receives a message.
 *
 * @param inboxOwners users whose inbox gets the message (stored messages) and whose devices get it (all messages);
 *     the sender is listed here when its other devices should get it too
 * @param readers users who read the message from its conversation's log, by conversation cursor, with no inbox
 *     entry (read diffusion: a group's members): their online devices get it, the offline ones are offered a push;
 *     the sender is listed here when its other devices should get it too
 */
public record Recipients(List<String> inboxOwners, List<String> readers) {
    public Recipients {
        inboxOwners = List.copyOf(inboxOwners);
        readers = List.copyOf(readers);
    }

    /** Recipients by inbox only (write diffusion). */
    public Recipients(List<String> inboxOwners) {
        this(inboxOwners, List.of());
    }

    /** Recipients who read the conversation's log (read diffusion), with no inbox entries. */
    public static Recipients readers(List<String> readers) {
        return new Recipients(List.of(), readers);
    }

    /** Every user who receives the message, inbox owners first. */
    public List<String> all() {
        if (readers.isEmpty()) {
            return inboxOwners;
        }
        if (inboxOwners.isEmpty()) {
            return readers;
        }
        List<String> all = new java.util.ArrayList<>(inboxOwners);
        all.addAll(readers);
        return all;
    }
}
