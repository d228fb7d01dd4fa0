package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of one push vendor's HTTP/1.1 API, on 127.0.0.1 with a free port. It checks every request as
 * the vendor would (path, headers, auth, body) and answers a violation with the vendor's error and a note in
 * {@link #violations()}; it records the notifications it accepts; it can answer every row of the vendor's
 * error table ({@link #errorRows()}, chosen by token), be down for a while, rate-limit the next sends with a
 * {@code Retry-After}, and declare its current access token stale once.
 */
public abstract class VendorFake implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final FakeServer server;
    private final List<ReceivedPush> pushes = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger authCalls = new AtomicInteger();
    private final AtomicInteger sendCalls = new AtomicInteger();
    private final AtomicInteger rateLimitedSends = new AtomicInteger();
    private final AtomicLong retryAfterSeconds = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger concurrentSends = new AtomicInteger();
    private final AtomicInteger maxConcurrentSends = new AtomicInteger();
    private volatile long sendDelayMillis;
    private volatile boolean down;
    private volatile boolean staleAuthOnce;

    /** A fake on a plain HTTP/1.1 server, as the Android vendors speak. */
    protected VendorFake() {
        this.server = new JdkFakeServer(this::dispatch, getClass().getSimpleName());
    }

    /** A fake on another kind of server (the APNs fake's HTTP/2 over TLS). */
    protected VendorFake(java.util.function.Function<FakeServer.Handler, FakeServer> serverFactory) {
        this.server = serverFactory.apply(this::dispatch);
    }

    /** The server under this fake, for subclasses that expose more of it. */
    protected FakeServer serverForSubclass() {
        return server;
    }

    /** The base URL to configure as the adapter's endpoint (and auth endpoint). */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Every row of the vendor's error table this fake answers, with the class the adapter must give it. */
    public abstract List<ErrorRow> errorRows();

    /**
     * Whether the vendor has an access token to mint, cache and refresh: by default, whether it has a token
     * endpoint ({@link #authPath()}).
     */
    public boolean hasAuth() {
        return authPath() != null;
    }

    /**
     * Whether the request names the app (package or bundle id) where {@link ReceivedPush#appId()} can read it;
     * false unless overridden: FCM's does not, the token implies it, and most vendors name it only in the URL
     * or the credentials.
     */
    public boolean carriesAppId() {
        return false;
    }

    /** Whether the vendor sends {@code Retry-After} when it rate-limits. */
    public boolean sendsRetryAfter() {
        return true;
    }

    public List<ReceivedPush> pushes() {
        return List.copyOf(pushes);
    }

    public List<ReceivedPush> pushesTo(String token) {
        return pushes.stream().filter(push -> push.token().equals(token)).toList();
    }

    /** Requests that broke the vendor's wire contract; a correct adapter leaves this empty. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public int authCalls() {
        return authCalls.get();
    }

    public int sendCalls() {
        return sendCalls.get();
    }

    /** Each send is answered only after {@code delay}, as a slow vendor would. */
    public void slowDown(java.time.Duration delay) {
        sendDelayMillis = delay.toMillis();
    }

    /** The most sends this fake was answering at one time. */
    public int maxConcurrentSends() {
        return maxConcurrentSends.get();
    }

    /** Every send answers as the vendor does when it is down (HTTP 503). */
    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    /** The next {@code sends} sends are rate-limited, with {@code Retry-After: retryAfter} seconds. */
    public void rateLimitNext(int sends, long retryAfter) {
        retryAfterSeconds.set(retryAfter);
        rateLimitedSends.set(sends);
    }

    /** The next send is refused as if its access token had expired; a refreshed token is accepted. */
    public void staleAuthOnce() {
        staleAuthOnce = true;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }

    /**
     * The path of the vendor's token endpoint, or null (the default) when the fake has none. A request to it is
     * counted in {@link #authCalls()} and answered by {@link #answerAuth}; every other request is a send.
     */
    protected String authPath() {
        return null;
    }

    /** Answers a request to {@link #authPath()}: checks it as the vendor would and hands out a token or refuses. */
    protected void answerAuth(Exchange exchange) throws IOException {
        throw new IllegalStateException(getClass().getSimpleName() + " has no token endpoint");
    }

    /** Handles a send: checks it, then answers OK, a row, or a refusal. */
    protected abstract void handleSend(Exchange exchange) throws IOException;

    /** The vendor's answer when it is down: HTTP 503 unless overridden. */
    protected void answerDown(Exchange exchange) throws IOException {
        exchange.respond(503, "{\"error\":\"service unavailable\"}");
    }

    /** The vendor's rate-limit answer, with {@code Retry-After}. */
    protected abstract void answerRateLimited(Exchange exchange, long retryAfter) throws IOException;

    /** The vendor's answer to a stale access token. */
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        exchange.respond(401, "{\"error\":\"token expired\"}");
    }

    protected void received(String token, String appId, String title, String body, int badge, Map<String, String> data) {
        pushes.add(new ReceivedPush(token, appId, title, body, badge, data, System.currentTimeMillis()));
    }

    /**
     * For a vendor without a badge field: the adapter puts the badge in the payload ({@code badge}), where the
     * app reads it.
     */
    protected void received(String token, String appId, String title, String body, Map<String, String> data) {
        int badge = data.containsKey("badge") ? Integer.parseInt(data.get("badge")) : -1;
        received(token, appId, title, body, badge, data);
    }

    /** Records a broken contract; the caller answers with the vendor's error. */
    protected void violation(String what) {
        violations.add(what);
    }

    /**
     * Whether the request is a {@code POST} to exactly {@code path}. If it is not, this records the violation
     * {@code unexpected <method> <path>} and answers HTTP 404 with {@code notFoundBody}, and the caller returns.
     */
    protected boolean requirePostTo(Exchange exchange, String path, String notFoundBody) throws IOException {
        if (exchange.method().equals("POST") && exchange.path().equals(path)) {
            return true;
        }
        violation("unexpected " + exchange.method() + " " + exchange.path());
        exchange.respond(404, notFoundBody);
        return false;
    }

    /** {@link #requirePostTo(Exchange, String, String)} for a vendor that answers an unknown path with an empty 404. */
    protected boolean requirePostTo(Exchange exchange, String path) throws IOException {
        return requirePostTo(exchange, path, "");
    }

    /** The row named by the first {@code row-} token, if any. */
    protected ErrorRow rowFor(List<String> tokens) {
        for (String token : tokens) {
            for (ErrorRow row : errorRows()) {
                if (row.token().equals(token)) {
                    return row;
                }
            }
        }
        return null;
    }

    private void dispatch(Exchange exchange) throws IOException {
        try {
            String authPath = authPath();
            if (authPath != null && exchange.path().equals(authPath)) {
                authCalls.incrementAndGet();
                answerAuth(exchange);
                return;
            }
            sendCalls.incrementAndGet();
            int now = concurrentSends.incrementAndGet();
            maxConcurrentSends.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(sendDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrentSends.decrementAndGet();
            }
            if (down) {
                answerDown(exchange);
                return;
            }
            if (rateLimitedSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answerRateLimited(exchange, retryAfterSeconds.get());
                return;
            }
            if (staleAuthOnce) {
                staleAuthOnce = false;
                answerStaleAuth(exchange);
                return;
            }
            handleSend(exchange);
        } catch (RuntimeException e) {
            violation("the fake could not read the request: " + e);
            exchange.respond(400, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** The {@code Retry-After} header of a rate-limit answer, in seconds. */
    protected static Map<String, String> retryAfterHeader(long seconds) {
        return Map.of("Retry-After", String.valueOf(seconds));
    }

    /**
     * The fields of a JSON object as the app would read them: each value's {@code asText()}, in the object's
     * order, in a map the caller may change. A missing node or a non-object gives an empty map.
     */
    protected static Map<String, String> textFields(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue().asText()));
        return fields;
    }

    /** The elements of a JSON array, each as {@code asText()}; empty for a missing node. */
    protected static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** Splits a comma-separated list, dropping empty parts. */
    protected static List<String> commaList(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return Collections.unmodifiableList(parts);
    }
}
