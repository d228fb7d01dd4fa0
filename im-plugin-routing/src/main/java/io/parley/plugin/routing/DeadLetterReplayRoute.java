package io.parley.plugin.routing;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.spi.RoutingErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /routing/deadletter/replay.json} (Parley's own): moves dead letters back into the outbox, at
 * the end of their key's line, with a fresh retry window. Parameter {@code id} (repeated or comma list) names
 * the dead letters; without it, every dead letter is replayed. An unknown id answers 42004 and replays
 * nothing. Answers {@code {"code":200,"replayed":n}} once the move is durable. Called on a server-API worker
 * thread; blocks until the outbox writer has committed (milliseconds).
 */
final class DeadLetterReplayRoute implements ServerApiRoute {
    private final MapDbOutbox outbox;

    DeadLetterReplayRoute(MapDbOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String path() {
        return "/routing/deadletter/replay.json";
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        List<Long> ids = new ArrayList<>();
        for (String text : request.list("id")) {
            try {
                ids.add(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw ImException.invalidParameter("id must be a number: " + text);
            }
        }
        for (Long id : ids) {
            if (!outbox.deadLetters().contains(id)) {
                throw new ImException(RoutingErrorCode.DEAD_LETTER_NOT_FOUND, "no dead letter has id " + id);
            }
        }
        try {
            int replayed = outbox.replay(ids.isEmpty() ? Optional.empty() : Optional.of(ids)).get(30, TimeUnit.SECONDS);
            return ApiResponse.of("replayed", replayed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(RoutingErrorCode.OUTBOX_CLOSED, "interrupted while replaying");
        } catch (ExecutionException | TimeoutException e) {
            throw new ImException(RoutingErrorCode.OUTBOX_FAILED, "replay failed: " + e, e);
        }
    }
}
