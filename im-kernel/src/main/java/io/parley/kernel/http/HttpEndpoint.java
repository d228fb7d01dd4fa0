package io.parley.kernel.http;

/**
 * An extra endpoint on the HTTP port, mounted by the starter or an embedding application (web pages, an
 * operator console, uploads) without the kernel knowing what it serves. Endpoints are asked in the order they
 * were mounted, after {@code /metrics}, {@code /health} and the plugins' downloads and before the server API.
 */
public interface HttpEndpoint {

    /** Whether this endpoint answers {@code method} on {@code path}. Called on a Netty event loop: must be quick. */
    boolean handles(String method, String path);

    /**
     * The largest request body this endpoint takes, in bytes; 0 for the server API's limit
     * ({@code server-api.max-request-bytes}). A larger request is refused with HTTP 413 before it is read.
     */
    default int maxRequestBytes() {
        return 0;
    }

    /** Answers one request. Called on a worker thread; may block. An exception is answered with HTTP 500 and logged. */
    HttpAnswer handle(HttpCall call) throws Exception;
}
