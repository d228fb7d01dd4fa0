package io.parley.api.route;

import java.util.List;
import java.util.Map;

/**
 * Files served on the HTTP port by {@code GET <prefix><name>?<query>}, outside the server API: for links handed to
 * someone without server-API credentials (RongCloud's hourly history URLs). The kernel checks no signature and no
 * header on these requests: the route authenticates each one itself, typically by a signed, expiring link it made
 * (a link's base is {@link io.parley.api.plugin.PluginContext#httpBaseUrl()}). Contributed by
 * {@link io.parley.api.plugin.PluginInstance#downloadRoutes()}.
 *
 * <p>The kernel answers HTTP 200 with {@link #contentType()} and the bytes {@link #download} returns; an
 * {@code ImException} it throws is answered as the server API answers one (a JSON body with the code, the HTTP status
 * of its error code: {@code SIGNATURE_ERROR} 401, {@code NOT_FOUND} 404).
 */
public interface DownloadRoute {

    /**
     * The path prefix this route serves, starting and ending with {@code /} (e.g. {@code /history/files/}). Two routes
     * whose prefixes overlap fail startup. {@code /metrics} and {@code /health} are matched before any prefix.
     */
    String prefix();

    /** The media type of what {@link #download} returns, e.g. {@code application/zip}. */
    String contentType();

    /**
     * The bytes of {@code name} (the request's path after {@link #prefix()}, possibly empty), for a request with the
     * query parameters {@code query} (decoded, by name). Throw {@code ImException} to refuse. Called on a worker thread,
     * never an event loop: it may block on disk.
     */
    byte[] download(String name, Map<String, List<String>> query);
}
