package io.parley.starter.web;

import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.io.IOException;

/**
 * {@code GET /favicon.ico}: the icon a browser asks for on the chat page and the console, from
 * {@code web/favicon.ico}, without authentication (it is no secret), cached for a day.
 */
final class FaviconEndpoint implements HttpEndpoint {
    static final String PATH = "/favicon.ico";

    private final ClassLoader loader;

    FaviconEndpoint(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("GET") && path.equals(PATH);
    }

    @Override
    public HttpAnswer handle(HttpCall call) throws IOException {
        return StaticFiles.resource(loader, "web" + PATH)
                .map(icon -> icon.withHeader("Cache-Control", "max-age=86400"))
                .orElseGet(() -> HttpAnswer.of(204, "image/x-icon", new byte[0]));
    }
}
