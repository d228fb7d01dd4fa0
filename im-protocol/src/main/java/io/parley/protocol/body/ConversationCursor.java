package io.parley.protocol.body;

/** A cursor into one conversation's log, for read-diffusion conversations: pull messages after {@code afterSeq}. */
public record ConversationCursor(int conversationType, String targetId, long afterSeq) {
}
