package io.parley.starter.web;

import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves files from the class path under {@code web/}: {@code /} is {@code web/index.html}; {@code /app/…}
 * and {@code /sdk/…} (the JavaScript SDK, copied from im-client-js at build time) are served as they are.
 * Answers GET only; never leaves {@code web/}. Every answer carries the chat page's {@link PageSecurityHeaders}.
 */
final class StaticFiles implements HttpEndpoint {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "json", "application/json; charset=utf-8",
            "ico", "image/x-icon");

    private final ClassLoader loader;

    StaticFiles(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("GET") && (path.equals("/") || path.equals("/index.html") || path.startsWith("/app/")
                || path.startsWith("/sdk/"));
    }

    @Override
    public HttpAnswer handle(HttpCall call) throws IOException {
        String path = call.path().equals("/") ? "/index.html" : call.path();
        HttpAnswer answer = resource(loader, "web" + path).orElseGet(() -> Json.error(404, 404, "no such file: " + call.path()));
        return PageSecurityHeaders.chatPage(answer, call.header("Host"));
    }

    /** A class-path file as an answer, if it exists and the path is clean. */
    static Optional<HttpAnswer> resource(ClassLoader loader, String name) throws IOException {
        if (name.contains("..") || name.contains("//") || name.endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return Optional.of(HttpAnswer.of(200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes())
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("X-Content-Type-Options", "nosniff"));
        }
    }
}
