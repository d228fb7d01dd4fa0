package io.parley.plugin.push.vendor.oppo;

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
import java.util.concurrent.CompletionStage;

/**
 * OPPO OPUSH: an auth token from {@code /server/v1/auth} (signed with SHA-256 of app key, timestamp and master
 * secret; valid 24 h, reused for {@code auth-lifetime}), then {@code /server/v1/message/notification/unicast}
 * with the token and the {@code message} JSON as form fields, one regId per request. OPPO has no badge field:
 * the badge travels in {@code action_parameters}, with the payload.
 */
public final class OppoPushProvider implements PushProvider {
    private final OppoConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final CachedToken auth;

    public OppoPushProvider(OppoConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = VendorHttp.http11(config.timeout());
        this.auth = new CachedToken(this::mint, Duration.ZERO, clock);
    }

    @Override
    public String vendor() {
        return "oppo";
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        String message = VendorHttp.json(message(notification, targets.get(0)));
        return AuthRetry.send(auth, targets, token -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("auth_token", token);
            form.put("message", message);
            return http.sendAsync(VendorHttp.post(config.endpoint() + "/server/v1/message/notification/unicast",
                            config.timeout()).header("Content-Type", VendorHttp.FORM)
                            .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.form(form))).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> PushResult.all(targets, classify(response)))
                    .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString())));
        });
    }

    private Map<String, Object> message(PushNotification notification, PushTarget target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("app_message_id", notification.pushId());
        body.put("style", 1);
        body.put("title", notification.title());
        body.put("content", notification.body());
        body.put("click_action_type", 0);
        body.put("action_parameters", VendorHttp.json(Badges.inPayload(notification)));
        body.put("off_line", true);
        body.put("off_line_ttl", Math.min(notification.ttlSeconds(), Duration.ofDays(10).toSeconds()));
        if (!config.channelId().isEmpty()) {
            body.put("channel_id", config.channelId());
        }
        body.put("category", "IM");
        body.put("notify_level", 2);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("target_type", 2);
        message.put("target_value", target.token());
        message.put("notification", body);
        return message;
    }

    static PushOutcome classify(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return new PushOutcome(Kind.TRANSIENT, "HTTP " + response.statusCode(), VendorHttp.retryAfter(response));
        }
        JsonNode body = VendorHttp.parse(response.body());
        long code = body.path("code").asLong(Long.MIN_VALUE);
        String reason = code + " " + body.path("message").asText("");
        Kind kind;
        if (code == 0) {
            return PushOutcome.accepted();
        } else if (code == 10000) {
            kind = Kind.INVALID_TOKEN;
        } else if (code == 11) {
            kind = Kind.AUTH_REFRESH;
        } else if (code == -1) {
            kind = Kind.TRANSIENT;
        } else if (code == -2 || code == 13 || code == 55) {
            kind = Kind.RATE_LIMITED;
        } else if (code == 33) {
            kind = Kind.QUOTA_EXHAUSTED;
        } else if (code >= 14 && code <= 30 || code == 67) {
            kind = Kind.CONFIG_ERROR;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        return new PushOutcome(kind, reason, VendorHttp.retryAfter(response));
    }

    private CompletionStage<CachedToken.Minted> mint() {
        long timestamp = clock.millis();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_key", config.appKey());
        form.put("timestamp", String.valueOf(timestamp));
        form.put("sign", OppoSignature.sign(config.appKey(), timestamp, config.masterSecret()));
        return http.sendAsync(VendorHttp.post(config.endpoint() + "/server/v1/auth", config.timeout())
                        .header("Content-Type", VendorHttp.FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.form(form))).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    JsonNode body = VendorHttp.parse(response.body());
                    JsonNode data = body.path("data").isTextual() ? VendorHttp.parse(body.path("data").asText())
                            : body.path("data");
                    String token = data.path("auth_token").asText("");
                    if (body.path("code").asLong(-1) == 0 && !token.isEmpty()) {
                        return new CachedToken.Minted(token, config.authLifetime());
                    }
                    PushOutcome outcome = classify(response);
                    throw new VendorAuthException(PushOutcome.of(outcome.kind() == Kind.ACCEPTED
                            ? Kind.TRANSIENT : outcome.kind(), "auth: " + outcome.reason()));
                });
    }
}
