package io.parley.api.route;

/**
 * One server-API endpoint. The kernel owns the transport, signing, parsing and the JSON envelope; a route
 * only reads its parameters and acts.
 *
 * <p>Called on a server-API worker thread, never an event loop: it may block on storage. Throw
 * {@code ImException} to answer with an error code.
 */
public interface ServerApiRoute {

    /** The path, such as {@code /chatroom/create.json}. Two routes with one path fail startup. */
    String path();

    ApiResponse handle(ApiRequest request);
}
