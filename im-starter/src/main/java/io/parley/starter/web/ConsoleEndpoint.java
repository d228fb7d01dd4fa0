package io.parley.starter.web;

import io.parley.api.error.ImException;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import io.parley.kernel.ops.ServerOverview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator console: {@code GET /console} (the page, from {@code web/console/}) and
 * {@code GET /console/api/overview} (what the page shows, as JSON), {@code GET /console/api/statistics} and
 * {@code /console/api/statistics.csv} (the kept statistics of a range, see {@link ConsoleStatistics}), the health
 * checks, look-ups, actions and their audit log ({@link ConsoleOperations}), all behind HTTP Basic authentication with
 * {@code console.username} and {@code console.password}. Without a password configured the console is off and
 * every path under it answers 404 saying so. Credentials are compared in constant time, and wrong ones count
 * against the caller's address in a {@link ConsoleLoginThrottle}: a locked-out address gets 429 with
 * {@code Retry-After} (code 1008), whatever it sends. Every answer carries the console's {@link PageSecurityHeaders}.
 */
final class ConsoleEndpoint implements HttpEndpoint {
    static final String PATH = "/console";
    static final int MAX_CONNECTIONS_LISTED = 500;

    private final Optional<byte[]> expectedCredentials;
    private final ConsoleLoginThrottle logins;
    private final ServerOverview overview;
    private final TrafficSampler traffic;
    private final RecentErrors errors;
    private final ConsoleStatistics statistics;
    private final ConsoleOperations operations;
    private final Clock clock;
    private final long startedAt;
    private final ClassLoader loader;

    ConsoleEndpoint(WebConfig config, ConsoleLoginThrottle logins, ServerOverview overview, TrafficSampler traffic,
            RecentErrors errors, ConsoleStatistics statistics, ConsoleOperations operations, Clock clock,
            ClassLoader loader) {
        this.statistics = statistics;
        this.operations = operations;
        this.expectedCredentials = config.consolePassword().map(password ->
                (config.consoleUser() + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.logins = logins;
        this.overview = overview;
        this.traffic = traffic;
        this.errors = errors;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.loader = loader;
    }

    @Override
    public boolean handles(String method, String path) {
        return (method.equals("GET") || method.equals("POST")) && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    public HttpAnswer handle(HttpCall call) throws IOException {
        return PageSecurityHeaders.console(answer(call));
    }

    private HttpAnswer answer(HttpCall call) throws IOException {
        if (expectedCredentials.isEmpty()) {
            return Json.error(404, 1015, "the console is off: set console.password (PARLEY_CONSOLE_PASSWORD) to turn it on");
        }
        Optional<Duration> lockedOut = logins.lockedOut(call.clientIp());
        if (lockedOut.isPresent()) {
            return lockedOut(lockedOut.get());
        }
        Optional<String> credentials = call.header("Authorization");
        if (credentials.isEmpty()) {
            // a browser asks without credentials first: that is no failed login
            return challenge();
        }
        if (!authorized(credentials.get())) {
            return logins.failed(call.clientIp()).map(ConsoleEndpoint::lockedOut).orElseGet(ConsoleEndpoint::challenge);
        }
        String rest = call.path().substring(PATH.length());
        Optional<HttpAnswer> operated = operations.answer(rest, call);
        if (operated.isPresent()) {
            return operated.get();
        }
        if (call.method().equals("POST")) {
            return Json.error(405, 1002, "only actions are posted: POST /console/api/actions/<name>");
        }
        if (rest.equals("/api/overview")) {
            return Json.answer(200, overviewJson()).withHeader("Cache-Control", "no-store");
        }
        if (rest.equals("/api/statistics") || rest.equals("/api/statistics.csv")) {
            String range = call.queryParameter("range").orElse("day");
            try {
                return rest.endsWith(".csv") ? statistics.csv(range) : statistics.json(range);
            } catch (ImException e) {
                return Json.error(400, e.code(), e.getMessage());
            }
        }
        String file = rest.isEmpty() || rest.equals("/") ? "/index.html" : rest;
        return StaticFiles.resource(loader, "web/console" + file)
                .orElseGet(() -> Json.error(404, 1015, "no such file: " + call.path()));
    }

    private static HttpAnswer challenge() {
        return Json.error(401, 1004, "the console needs the admin credentials (console.username / console.password)")
                .withHeader("WWW-Authenticate", "Basic realm=\"Parley console\", charset=\"UTF-8\"");
    }

    private static HttpAnswer lockedOut(Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return Json.error(429, 1008, "too many wrong passwords from this address: the console refuses it for " + seconds
                + " s more").withHeader("Retry-After", String.valueOf(seconds));
    }

    /** Whether an {@code Authorization} header holds the console's credentials; the bytes are compared in constant time. */
    private boolean authorized(String header) {
        if (!header.startsWith("Basic ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring("Basic ".length()).trim());
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
        json.put("providers", overview.providers());
        json.put("config", overview.effectiveConfig());
        json.put("errors", errors.newestFirst());
        return json;
    }
}
