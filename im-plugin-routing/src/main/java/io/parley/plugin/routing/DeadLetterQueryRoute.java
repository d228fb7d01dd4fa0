package io.parley.plugin.routing;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.routing.outbox.DeadLetter;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.outbox.RoutingEventJson;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /routing/deadletter/query.json} (Parley's own): lists dead letters page by page.
 * Parameters: {@code kind} ({@code message} or {@code presence}, optional), {@code afterId} (default 0),
 * {@code limit} (1–1000, default 100). Answers {@code {"code":200,"total":n,"deadLetters":[…],"nextAfterId":id}}
 * where each dead letter is the event's JSON plus {@code deadAt}, {@code attempts} and {@code lastError}.
 * Called on a server-API worker thread; reads the outbox file.
 */
final class DeadLetterQueryRoute implements ServerApiRoute {
    private final MapDbOutbox outbox;

    DeadLetterQueryRoute(MapDbOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String path() {
        return "/routing/deadletter/query.json";
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Optional<RoutingEvent.Kind> kind = request.optional("kind").map(DeadLetterQueryRoute::kind);
        long afterId = request.longValue("afterId", 0);
        long limit = request.longValue("limit", 100);
        if (limit < 1 || limit > 1000) {
            throw ImException.invalidParameter("limit must be 1 to 1000");
        }
        List<DeadLetter> page = outbox.deadLetters().page(afterId, (int) limit, kind);
        List<Object> letters = page.stream()
                .map(letter -> (Object) RoutingEventJson.mapper().convertValue(letter.toNode(), Map.class)).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("total", outbox.deadLetters().count());
        fields.put("deadLetters", letters);
        if (!page.isEmpty()) {
            fields.put("nextAfterId", page.get(page.size() - 1).id());
        }
        return new ApiResponse(fields);
    }

    private static RoutingEvent.Kind kind(String text) {
        try {
            return RoutingEvent.Kind.fromWireName(text);
        } catch (IllegalArgumentException e) {
            throw ImException.invalidParameter("kind must be message or presence");
        }
    }
}
