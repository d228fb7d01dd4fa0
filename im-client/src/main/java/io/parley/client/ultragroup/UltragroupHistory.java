package io.parley.client.ultragroup;

import java.util.List;
import java.util.Map;

/**
 * A page of a channel's history.
 *
 * @param messages in seq order when read after a seq, newest first when read before one
 * @param latestSeq the channel's latest seq when the page was read
 */
public record UltragroupHistory(List<UltragroupMessage> messages, long latestSeq) {
    public UltragroupHistory {
        messages = List.copyOf(messages);
    }

    static UltragroupHistory from(Map<String, Object> body) {
        return new UltragroupHistory(BodyFields.list(body, "messages").stream().map(UltragroupMessage::from).toList(),
                BodyFields.number(body, "latestSeq"));
    }
}
