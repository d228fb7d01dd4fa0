package io.parley.plugin.push.vendor.apns;

import io.parley.plugin.push.http.AuthRetry;
import io.parley.plugin.push.http.CachedToken;
import io.parley.plugin.push.http.Jwts;
import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.spi.PushNotification;
import io.parley.plugin.push.spi.PushOutcome;
import io.parley.plugin.push.spi.PushOutcome.Kind;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushResult;
import io.parley.plugin.push.spi.PushTarget;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Apple APNs, HTTP/2 over TLS with token auth: {@code POST /3/device/<token>} on the production or sandbox host
 * (per device), with an ES256 JWT ({@code kid} = key id, {@code iss} = team id) signed once per
 * {@code token-lifetime} and reused on one long-lived multiplexed connection. On {@code ExpiredProviderToken}
 * it signs a new JWT and opens a new connection, then retries once.
 */
public final class ApnsPushProvider implements PushProvider {
    private static final Set<String> INVALID = Set.of("Unregistered", "ExpiredToken", "BadDeviceToken",
            "DeviceTokenNotForTopic");
    private static final Set<String> CONFIG = Set.of("InvalidProviderToken", "MissingProviderToken", "BadCertificate",
            "BadCertificateEnvironment", "Forbidden", "TopicDisallowed");

    private final ApnsConfig config;
    private final Clock clock;
    private final PrivateKey key;
    private final ApnsHttpClients clients;
    private final CachedToken auth;
    private volatile HttpClient http;

    public ApnsPushProvider(ApnsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.key = Jwts.privateKey(config.privateKeyPem(), "EC");
        this.clients = new ApnsHttpClients(config.trustedCertificatePem(), config.timeout());
        this.http = clients.newClient();
        this.auth = new CachedToken(() -> CompletableFuture.completedFuture(new CachedToken.Minted(
                Jwts.es256(Map.of("alg", "ES256", "kid", config.keyId()),
                        Map.of("iss", config.teamId(), "iat", clock.millis() / 1000), key),
                config.tokenLifetime())), Duration.ZERO, clock);
    }

    @Override
    public String vendor() {
        return "apns";
    }

    /** One device per request; many requests share the connection's streams. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        PushTarget target = targets.get(0);
        String payload = VendorHttp.json(payload(notification));
        String host = target.sandbox() ? config.sandboxEndpoint() : config.endpoint();
        return AuthRetry.send(auth, targets, jwt -> {
            HttpClient client = http;
            HttpRequest.Builder request = VendorHttp.post(host + "/3/device/" + target.token(), config.timeout())
                    .header("authorization", "bearer " + jwt)
                    .header("apns-topic", target.appId())
                    .header("apns-push-type", "alert")
                    .header("apns-priority", "10")
                    .header("apns-expiration", String.valueOf(clock.millis() / 1000 + notification.ttlSeconds()))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload));
            String collapseId = notification.collapseId();
            if (!collapseId.isEmpty() && collapseId.getBytes(StandardCharsets.UTF_8).length <= 64) {
                request.header("apns-collapse-id", collapseId);
            }
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        PushOutcome outcome = classify(response);
                        if (outcome.kind() == Kind.AUTH_REFRESH || outcome.kind() == Kind.TRANSIENT) {
                            // APNs wants a fresh connection after a refused token or a server error
                            http = clients.newClient();
                        }
                        return PushResult.all(targets, outcome);
                    })
                    .exceptionally(error -> {
                        http = clients.newClient();
                        return PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString()));
                    });
        });
    }

    private static Map<String, Object> payload(PushNotification notification) {
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("alert", Map.of("title", notification.title(), "body", notification.body()));
        if (notification.badge() >= 0) {
            aps.put("badge", notification.badge());
        }
        aps.put("sound", "default");
        aps.put("mutable-content", 1);
        Map<String, Object> payload = new LinkedHashMap<>(notification.data());
        payload.put("aps", aps);
        return payload;
    }

    static PushOutcome classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return PushOutcome.accepted();
        }
        com.fasterxml.jackson.databind.JsonNode body = VendorHttp.parse(response.body());
        String reason = body.path("reason").asText("");
        Kind kind;
        if (INVALID.contains(reason)) {
            kind = Kind.INVALID_TOKEN;
        } else if (reason.equals("ExpiredProviderToken")) {
            kind = Kind.AUTH_REFRESH;
        } else if (status == 429) {
            kind = Kind.RATE_LIMITED;
        } else if (CONFIG.contains(reason)) {
            kind = Kind.CONFIG_ERROR;
        } else if (status >= 500 || reason.equals("IdleTimeout")) {
            kind = Kind.TRANSIENT;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        OptionalLong invalidSince = status == 410 && body.path("timestamp").isNumber()
                ? OptionalLong.of(body.path("timestamp").asLong()) : OptionalLong.empty();
        return new PushOutcome(kind, status + " " + reason, VendorHttp.retryAfter(response), invalidSince);
    }
}
