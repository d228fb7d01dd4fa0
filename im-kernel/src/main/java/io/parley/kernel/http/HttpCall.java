package io.parley.kernel.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a mounted {@link HttpEndpoint} sees it, detached from Netty's buffers.
 *
 * @param method  {@code GET}, {@code POST}, …
 * @param path    the decoded path, without the query
 * @param query   query parameters by name
 * @param headers header values by lower-case name (the first value of a repeated header)
 * @param body    the request body, empty when none
 * @param clientIp the peer's address
 */
public record HttpCall(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        byte[] body, String clientIp) {

    public HttpCall {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(clientIp, "clientIp is null");
    }

    /** A header by name, any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
