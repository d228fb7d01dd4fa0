package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Apple's APNs provider API over HTTP/2 and TLS ({@link Http2TlsFakeServer}): {@code POST /3/device/<token>}
 * with an ES256 provider token. It verifies the JWT with the key's public half, checks {@code kid} and
 * {@code iss}, refuses a token older than an hour ({@code 403 ExpiredProviderToken}), requires
 * {@code apns-topic} (the bundle id), {@code apns-push-type} and a JSON payload with {@code aps}, and answers
 * every row of Apple's error table, {@code 410 Unregistered} with its {@code timestamp}.
 */
public final class ApnsFake extends VendorFake {
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("410-Unregistered", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("410-ExpiredToken", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("400-BadDeviceToken", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("400-DeviceTokenNotForTopic", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("403-ExpiredProviderToken", ExpectedOutcome.AUTH_REFRESH),
            new ErrorRow("500-InternalServerError", ExpectedOutcome.TRANSIENT),
            new ErrorRow("503-ServiceUnavailable", ExpectedOutcome.TRANSIENT),
            new ErrorRow("503-Shutdown", ExpectedOutcome.TRANSIENT),
            new ErrorRow("400-IdleTimeout", ExpectedOutcome.TRANSIENT),
            new ErrorRow("429-TooManyRequests", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("429-TooManyProviderTokenUpdates", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("403-InvalidProviderToken", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("403-MissingProviderToken", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("403-BadCertificate", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("403-BadCertificateEnvironment", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("403-Forbidden", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("400-TopicDisallowed", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("400-BadCollapseId", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("400-BadExpirationDate", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("400-BadPriority", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("400-BadTopic", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("400-InvalidPushType", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("400-PayloadEmpty", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("404-BadPath", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("413-PayloadTooLarge", ExpectedOutcome.BAD_REQUEST));
    private static final Set<String> PUSH_TYPES = Set.of("alert", "background", "voip", "complication",
            "fileprovider", "mdm", "location", "liveactivity", "pushtotalk");

    private final String teamId;
    private final String keyId;
    private final PublicKey key;
    private final java.util.concurrent.atomic.AtomicLong tokenIssuedAtLimit = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private final java.util.Set<String> jwtsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ApnsFake(String teamId, String keyId, PublicKey key) {
        super(Http2TlsFakeServer::new);
        this.teamId = teamId;
        this.keyId = keyId;
        this.key = key;
    }

    /** The certificate the adapter must trust to reach this fake. */
    public String certificatePem() {
        return ((Http2TlsFakeServer) serverForSubclass()).certificatePem();
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    /** APNs auth is a JWT the adapter signs itself, with no token endpoint: counted as the distinct tokens seen. */
    @Override
    public boolean hasAuth() {
        return true;
    }

    /** The bundle id, in {@code apns-topic}. */
    @Override
    public boolean carriesAppId() {
        return true;
    }

    @Override
    public int authCalls() {
        return jwtsSeen.size();
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(429, "{\"reason\":\"TooManyRequests\"}", Map.of("retry-after", String.valueOf(retryAfter)));
    }

    @Override
    protected void answerDown(Exchange exchange) throws IOException {
        exchange.respond(503, "{\"reason\":\"ServiceUnavailable\"}");
    }

    /** Refuses every provider token issued so far, as after an hour. */
    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        tokenIssuedAtLimit.set(System.currentTimeMillis() / 1000);
        exchange.respond(403, "{\"reason\":\"ExpiredProviderToken\"}");
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        String path = exchange.path();
        if (!exchange.method().equals("POST") || !path.startsWith("/3/device/") || path.length() <= 10) {
            violation("unexpected " + exchange.method() + " " + path);
            exchange.respond(404, "{\"reason\":\"BadPath\"}");
            return;
        }
        String token = path.substring("/3/device/".length());
        String authorization = exchange.header("authorization");
        if (!authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            violation("authorization was '" + authorization + "'");
            exchange.respond(403, "{\"reason\":\"MissingProviderToken\"}");
            return;
        }
        String jwt = authorization.substring(7);
        JsonNode claims;
        try {
            JwtVerifier.Verified verified = JwtVerifier.verify(jwt, "ES256", key);
            if (!verified.header().path("kid").asText().equals(keyId) || !verified.claims().path("iss").asText().equals(teamId)) {
                throw new IllegalArgumentException("kid/iss " + verified.header() + " " + verified.claims());
            }
            claims = verified.claims();
        } catch (IllegalArgumentException e) {
            violation("provider token: " + e.getMessage());
            exchange.respond(403, "{\"reason\":\"InvalidProviderToken\"}");
            return;
        }
        long iat = claims.path("iat").asLong();
        if (iat < System.currentTimeMillis() / 1000 - 3600 || iat <= tokenIssuedAtLimit.get() && jwtsSeen.contains(jwt)) {
            exchange.respond(403, "{\"reason\":\"ExpiredProviderToken\"}");
            return;
        }
        jwtsSeen.add(jwt);
        String topic = exchange.header("apns-topic");
        String pushType = exchange.header("apns-push-type");
        if (topic.isEmpty()) {
            violation("no apns-topic");
            exchange.respond(400, "{\"reason\":\"MissingTopic\"}");
            return;
        }
        if (!PUSH_TYPES.contains(pushType) || !Set.of("10", "5", "1", "").contains(exchange.header("apns-priority"))) {
            violation("apns-push-type '" + pushType + "' or apns-priority '" + exchange.header("apns-priority") + "'");
            exchange.respond(400, "{\"reason\":\"InvalidPushType\"}");
            return;
        }
        if (exchange.header("apns-collapse-id").getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            violation("apns-collapse-id over 64 bytes");
            exchange.respond(400, "{\"reason\":\"BadCollapseId\"}");
            return;
        }
        if (exchange.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4096) {
            violation("payload over 4096 bytes");
            exchange.respond(413, "{\"reason\":\"PayloadTooLarge\"}");
            return;
        }
        JsonNode payload = exchange.json();
        JsonNode aps = payload.path("aps");
        if (!aps.isObject()) {
            violation("payload has no aps: " + payload);
            exchange.respond(400, "{\"reason\":\"PayloadEmpty\"}");
            return;
        }
        ErrorRow row = rowFor(List.of(token));
        if (row != null) {
            int status = Integer.parseInt(row.name().substring(0, 3));
            String reason = row.name().substring(4);
            String body = status == 410 ? "{\"reason\":\"" + reason + "\",\"timestamp\":" + System.currentTimeMillis() + "}"
                    : "{\"reason\":\"" + reason + "\"}";
            exchange.respond(status, body);
            return;
        }
        Map<String, String> data = textFields(payload);
        data.remove("aps");
        received(token, topic, aps.path("alert").path("title").asText(), aps.path("alert").path("body").asText(),
                aps.path("badge").asInt(-1), data);
        exchange.respond(200, "", Map.of("apns-id", UUID.randomUUID().toString()));
    }
}
