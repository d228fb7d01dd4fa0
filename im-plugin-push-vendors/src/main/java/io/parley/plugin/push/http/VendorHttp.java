package io.parley.plugin.push.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** What every vendor adapter needs from HTTP: a client, form and JSON bodies, {@code Retry-After}. */
public final class VendorHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String FORM = "application/x-www-form-urlencoded;charset=UTF-8";

    private VendorHttp() {
    }

    /** An HTTP/1.1 client: the Android vendors speak HTTP/1.1, and this avoids h2c upgrade attempts. */
    public static HttpClient http11(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** {@code k1=v1&k2=v2}, form-encoded, in the map's order. */
    public static String form(Map<String, String> fields) {
        StringJoiner joiner = new StringJoiner("&");
        fields.forEach((key, value) -> joiner.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    public static HttpRequest.Builder post(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The body as JSON; a missing node when it is empty or not JSON (a proxy's HTML error page). */
    public static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is not used by push vendors). */
    public static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
