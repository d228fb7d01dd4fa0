package io.parley.api.storage;

import io.parley.api.model.ConversationType;
import java.util.Map;
import java.util.Optional;

/**
 * What one retention sweep drops, per conversation type: inbox entries (the offline cache) sent before
 * {@code inbox.get(type)}, and messages (the conversation log, i.e. cloud history) sent before
 * {@code messages.get(type)}. A type missing from a map keeps that kind of data. Immutable.
 *
 * <p>A message dropped from its conversation log is dropped from every inbox too, so a sensible policy keeps
 * messages at least as long as inbox entries (the kernel's sweeper makes sure of it).
 *
 * @param inbox epoch-millisecond cutoffs for inbox entries, by conversation type
 * @param messages epoch-millisecond cutoffs for conversation messages, by conversation type
 */
public record RetentionCutoffs(Map<ConversationType, Long> inbox, Map<ConversationType, Long> messages) {
    public RetentionCutoffs {
        inbox = Map.copyOf(inbox);
        messages = Map.copyOf(messages);
    }

    /** The inbox cutoff of {@code type}, if its inbox entries expire. */
    public Optional<Long> inboxCutoff(ConversationType type) {
        return Optional.ofNullable(inbox.get(type));
    }

    /** The message cutoff of {@code type}, if its messages expire. */
    public Optional<Long> messageCutoff(ConversationType type) {
        return Optional.ofNullable(messages.get(type));
    }
}
