package io.parley.kernel.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a mounted {@link HttpEndpoint} answers: a status, a content type, extra headers and the body.
 */
public record HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public HttpAnswer {
        Objects.requireNonNull(contentType, "contentType is null");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body is null");
    }

    public static HttpAnswer of(int status, String contentType, byte[] body) {
        return new HttpAnswer(status, contentType, Map.of(), body);
    }

    public static HttpAnswer json(int status, String json) {
        return of(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, more, body);
    }
}
