package io.parley.protocol.body;

/** The latest seq of one conversation a user follows by cursor (a group): what a device compares its cursor with. */
public record ConversationHead(int conversationType, String targetId, long seq) {
}
