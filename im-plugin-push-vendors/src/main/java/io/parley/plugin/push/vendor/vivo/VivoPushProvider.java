package io.parley.plugin.push.vendor.vivo;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.plugin.push.http.AuthRetry;
import io.parley.plugin.push.http.Badges;
import io.parley.plugin.push.http.CachedToken;
import io.parley.plugin.push.http.VendorAuthException;
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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * vivo: an auth token from {@code /message/auth} (JSON, signed with MD5 of app id, key, timestamp and secret;
 * valid 24 h, reused for {@code auth-lifetime}), then {@code /message/send} with the {@code authToken} header,
 * one regId per request and a unique {@code requestId}. vivo has no badge field: the badge travels in
 * {@code clientCustomMap}, with the payload.
 */
public final class VivoPushProvider implements PushProvider {
    private static final Set<Long> QUOTA = Set.of(10070L, 10252L, 10254L);
    private static final Set<Long> CONFIG = Set.of(10094L, 10096L, 10097L);

    private final VivoConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final CachedToken auth;

    public VivoPushProvider(VivoConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = VendorHttp.http11(config.timeout());
        this.auth = new CachedToken(this::mint, Duration.ZERO, clock);
    }

    @Override
    public String vendor() {
        return "vivo";
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        return AuthRetry.send(auth, targets, token -> http.sendAsync(
                VendorHttp.post(config.endpoint() + "/message/send", config.timeout())
                        .header("authToken", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                VendorHttp.json(body(notification, targets.get(0))))).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> PushResult.all(targets, classify(response)))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString()))));
    }

    private Map<String, Object> body(PushNotification notification, PushTarget target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", Long.parseLong(config.appId()));
        body.put("regId", target.token());
        body.put("notifyType", 4);
        body.put("title", notification.title());
        body.put("content", notification.body());
        body.put("timeToLive", Math.max(60, Math.min(notification.ttlSeconds(), 86_400)));
        body.put("skipType", 1);
        body.put("networkType", -1);
        body.put("classification", 1);
        body.put("category", config.category());
        body.put("clientCustomMap", Badges.inPayload(notification));
        body.put("requestId", UUID.randomUUID().toString());
        return body;
    }

    static PushOutcome classify(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return new PushOutcome(Kind.TRANSIENT, "HTTP " + response.statusCode(), VendorHttp.retryAfter(response));
        }
        JsonNode body = VendorHttp.parse(response.body());
        long result = body.path("result").asLong(Long.MIN_VALUE);
        String reason = result + " " + body.path("desc").asText("");
        int invalidStatus = body.path("invalidUser").path("status").asInt(0);
        Kind kind;
        if (result == 0) {
            return invalidStatus == 1 || invalidStatus == 2
                    ? PushOutcome.of(Kind.INVALID_TOKEN, "invalidUser status " + invalidStatus) : PushOutcome.accepted();
        } else if (result == 10302) {
            kind = Kind.INVALID_TOKEN;
        } else if (result == 10000) {
            kind = Kind.AUTH_REFRESH;
        } else if (result == 10072) {
            kind = Kind.RATE_LIMITED;
        } else if (QUOTA.contains(result)) {
            kind = Kind.QUOTA_EXHAUSTED;
        } else if (CONFIG.contains(result)) {
            kind = Kind.CONFIG_ERROR;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        return new PushOutcome(kind, reason, VendorHttp.retryAfter(response));
    }

    private CompletionStage<CachedToken.Minted> mint() {
        long timestamp = clock.millis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", config.appId());
        body.put("appKey", config.appKey());
        body.put("timestamp", timestamp);
        body.put("sign", VivoSignature.sign(config.appId(), config.appKey(), timestamp, config.appSecret()));
        return http.sendAsync(VendorHttp.post(config.endpoint() + "/message/auth", config.timeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.json(body))).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    JsonNode answer = VendorHttp.parse(response.body());
                    String token = answer.path("authToken").asText("");
                    if (answer.path("result").asLong(-1) == 0 && !token.isEmpty()) {
                        return new CachedToken.Minted(token, config.authLifetime());
                    }
                    PushOutcome outcome = classify(response);
                    // vivo answers a bad sign or app key at the auth endpoint with 10xxx codes: not retryable
                    Kind kind = outcome.kind() == Kind.TRANSIENT || outcome.kind() == Kind.RATE_LIMITED
                            ? outcome.kind() : Kind.CONFIG_ERROR;
                    throw new VendorAuthException(PushOutcome.of(kind, "auth: " + outcome.reason()));
                });
    }
}
