package io.parley.plugin.routing.sink;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.plugin.routing.spi.RoutingSink;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The default sink: POSTs to the app server in RongCloud's formats, signed as RongCloud signs callbacks.
 * A message is one {@code application/x-www-form-urlencoded} request to {@code routing.url} (§7.2); presence
 * is {@code application/json} to {@code routing.presence-url} (§7.4): one JSON object per request, or, when
 * {@code routing.batch-size} is above 1, a JSON array of up to that many changes of one user.
 *
 * <p>Only HTTP 200 counts as delivered; any other status, a timeout ({@code routing.timeout}) or a refused
 * connection throws, and the outbox retries. Thread-safe: called concurrently on delivery workers, and
 * blocks for at most the timeout per request.
 */
public final class HttpRoutingSink implements RoutingSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> url;
    private final Optional<String> presenceUrl;
    private final Duration timeout;
    private final boolean presenceAsArray;
    private final CallbackSigner signer;
    private final HttpClient http;

    public HttpRoutingSink(Optional<String> url, Optional<String> presenceUrl, Duration timeout,
            boolean presenceAsArray, CallbackSigner signer) {
        this.url = requireNonNull(url, "url is null");
        this.presenceUrl = requireNonNull(presenceUrl, "presenceUrl is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.presenceAsArray = presenceAsArray;
        this.signer = requireNonNull(signer, "signer is null");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public boolean accepts(RoutingEvent.Kind kind) {
        return kind == RoutingEvent.Kind.MESSAGE ? url.isPresent() : presenceUrl.isPresent();
    }

    /** RongCloud routes one message per request; presence is batched only in array mode. */
    @Override
    public int maxBatchSize(RoutingEvent.Kind kind) {
        return kind == RoutingEvent.Kind.PRESENCE && presenceAsArray ? Integer.MAX_VALUE : 1;
    }

    @Override
    public void deliver(List<RoutingEvent> batch) throws IOException, InterruptedException {
        RoutingEvent first = batch.get(0);
        if (first.kind() == RoutingEvent.Kind.MESSAGE) {
            for (RoutingEvent event : batch) {
                post(url.orElseThrow(), "application/x-www-form-urlencoded", form(event));
            }
        } else if (presenceAsArray) {
            ArrayNode array = JSON.createArrayNode();
            batch.forEach(event -> array.add(presence(event)));
            post(presenceUrl.orElseThrow(), "application/json", array.toString());
        } else {
            for (RoutingEvent event : batch) {
                post(presenceUrl.orElseThrow(), "application/json", presence(event).toString());
            }
        }
    }

    private void post(String target, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(signer.sign(target))).timeout(timeout)
                .header("Content-Type", contentType + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("the app server answered HTTP " + response.statusCode());
        }
    }

    /** The §7.2 form: every field of the event, in order, URL-encoded. */
    static String form(RoutingEvent event) {
        StringJoiner form = new StringJoiner("&");
        event.fields().forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /** The §7.4 object: every field a string except {@code time}, a number. */
    static ObjectNode presence(RoutingEvent event) {
        ObjectNode node = JSON.createObjectNode();
        event.fields().forEach((name, value) -> {
            if (name.equals("time")) {
                node.put(name, Long.parseLong(value));
            } else {
                node.put(name, value);
            }
        });
        return node;
    }
}
