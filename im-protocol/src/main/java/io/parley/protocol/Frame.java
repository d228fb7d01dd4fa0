package io.parley.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One protocol frame: a command, flags, the request id that ties an answer to its request (0 when none),
 * and the decoded body, an instance of {@link Command#bodyType()}.
 */
public record Frame(Command command, int flags, int requestId, Object body) {
    public Frame {
        requireNonNull(command, "command is null");
        requireNonNull(body, "body is null");
        if (!command.bodyType().isInstance(body)) {
            throw new IllegalArgumentException(command + " needs a " + command.bodyType().getSimpleName()
                    + " body, not " + body.getClass().getSimpleName());
        }
    }

    public static Frame of(Command command, int requestId, Object body) {
        return new Frame(command, 0, requestId, body);
    }

    public <T> T body(Class<T> type) {
        return type.cast(body);
    }
}
