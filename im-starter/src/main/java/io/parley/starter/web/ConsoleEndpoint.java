package io.parley.starter.web;

import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import io.parley.kernel.ops.ServerOverview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator console: {@code GET /console} (the page, from {@code web/console/}) and
 * {@code GET /console/api/overview} (what the page shows, as JSON), all behind HTTP Basic authentication with
 * {@code console.username} and {@code console.password}. Without a password configured the console is off and
 * every path under it answers 404 saying so.
 */
final class ConsoleEndpoint implements HttpEndpoint {
    static final String PATH = "/console";
    static final int MAX_CONNECTIONS_LISTED = 500;

    private final Optional<byte[]> expectedCredentials;
    private final ServerOverview overview;
    private final TrafficSampler traffic;
    private final RecentErrors errors;
    private final Clock clock;
    private final long startedAt;
    private final ClassLoader loader;

    ConsoleEndpoint(WebConfig config, ServerOverview overview, TrafficSampler traffic, RecentErrors errors, Clock clock,
            ClassLoader loader) {
        this.expectedCredentials = config.consolePassword().map(password ->
                (config.consoleUser() + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.overview = overview;
        this.traffic = traffic;
        this.errors = errors;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.loader = loader;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("GET") && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    public HttpAnswer handle(HttpCall call) throws IOException {
        if (expectedCredentials.isEmpty()) {
            return Json.error(404, 1015, "the console is off: set console.password (PARLEY_CONSOLE_PASSWORD) to turn it on");
        }
        if (!authorized(call)) {
            return Json.error(401, 1004, "the console needs the admin credentials (console.username / console.password)")
                    .withHeader("WWW-Authenticate", "Basic realm=\"Parley console\", charset=\"UTF-8\"");
        }
        String rest = call.path().substring(PATH.length());
        if (rest.equals("/api/overview")) {
            return Json.answer(200, overviewJson()).withHeader("Cache-Control", "no-store");
        }
        String file = rest.isEmpty() || rest.equals("/") ? "/index.html" : rest;
        return StaticFiles.resource(loader, "web/console" + file)
                .orElseGet(() -> Json.error(404, 1015, "no such file: " + call.path()));
    }

    private boolean authorized(HttpCall call) {
        Optional<String> header = call.header("Authorization").filter(value -> value.startsWith("Basic "));
        if (header.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.get().substring("Basic ".length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expectedCredentials.get());
    }

    private Map<String, Object> overviewJson() {
        List<ServerOverview.Connection> connections = overview.connections();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", 200);
        json.put("serverTime", clock.millis());
        json.put("uptimeMillis", clock.millis() - startedAt);
        json.put("ready", overview.ready());
        json.put("onlineUsers", overview.onlineUsers());
        json.put("connectionCount", connections.size());
        json.put("connections", connections.subList(0, Math.min(connections.size(), MAX_CONNECTIONS_LISTED)));
        json.put("messagesCommitted", overview.messagesCommitted());
        json.put("deliveries", overview.deliveries());
        json.put("samplePeriodSeconds", TrafficSampler.PERIOD_SECONDS);
        json.put("traffic", traffic.samples());
        json.put("plugins", overview.plugins());
        json.put("config", overview.effectiveConfig());
        json.put("errors", errors.newestFirst());
        return json;
    }
}
