package io.parley.client;

import io.parley.protocol.body.CommandResultBody;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The COMMANDs waiting for their COMMAND_RESULT, by request id. Commands are not retried: they fail when
 * their connection is lost or their timeout passes. Not thread-safe: confined to the client's event loop.
 */
final class PendingCommands {
    private record Pending(CompletableFuture<Map<String, Object>> future, long deadlineNanos) {
    }

    private final Map<Integer, Pending> byRequestId = new HashMap<>();
    private final PendingSends.Completer completer;

    PendingCommands(PendingSends.Completer completer) {
        this.completer = completer;
    }

    void add(int requestId, CompletableFuture<Map<String, Object>> future, long deadlineNanos) {
        byRequestId.put(requestId, new Pending(future, deadlineNanos));
    }

    /** A COMMAND_RESULT: code 0 completes with the body, otherwise fails. False when nothing waits for it. */
    boolean complete(int requestId, CommandResultBody result) {
        Pending pending = byRequestId.remove(requestId);
        if (pending == null) {
            return false;
        }
        if (result.code() == 0) {
            completer.complete(pending.future(), result.body() == null ? Map.of() : result.body());
        } else {
            completer.fail(pending.future(), new ImClientException(result.code(),
                    result.message() == null ? "command failed" : result.message()));
        }
        return true;
    }

    /** An ERROR for this request id; false when nothing waits for it. */
    boolean fail(int requestId, ImClientException error) {
        Pending pending = byRequestId.remove(requestId);
        if (pending == null) {
            return false;
        }
        completer.fail(pending.future(), error);
        return true;
    }

    void expire(long nowNanos, String what) {
        for (var it = byRequestId.values().iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (nowNanos - pending.deadlineNanos() >= 0) {
                it.remove();
                completer.fail(pending.future(), new ImClientException(ImClientException.TIMEOUT, what));
            }
        }
    }

    void failAll(ImClientException error) {
        for (Pending pending : byRequestId.values()) {
            completer.fail(pending.future(), error);
        }
        byRequestId.clear();
    }
}
