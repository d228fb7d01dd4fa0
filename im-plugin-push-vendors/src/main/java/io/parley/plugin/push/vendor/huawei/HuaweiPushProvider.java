package io.parley.plugin.push.vendor.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.plugin.push.http.AuthRetry;
import io.parley.plugin.push.http.CachedToken;
import io.parley.plugin.push.http.ClientCredentials;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Huawei Push Kit v1: {@code POST /v1/<clientId>/messages:send} with up to 1000 tokens, authorised by an OAuth
 * client-credentials token (an hour long, cached until five minutes before it ends). The answer's string
 * {@code code} is classified; {@code 80100000} (partial success) names the dead tokens in its {@code msg}.
 */
public final class HuaweiPushProvider implements PushProvider {
    private static final Set<String> BAD_REQUEST = Set.of("80100001", "80100003", "80100004", "80100013",
            "80100016", "80100018", "80300008", "80300010");

    private final HuaweiConfig config;
    private final HttpClient http;
    private final CachedToken auth;

    public HuaweiPushProvider(HuaweiConfig config, Clock clock) {
        this.config = config;
        this.http = VendorHttp.http11(config.timeout());
        this.auth = new CachedToken(() -> ClientCredentials.mint(http, config.authUrl(), config.clientId(),
                config.clientSecret(), config.timeout()), Duration.ofMinutes(5), clock);
    }

    @Override
    public String vendor() {
        return "huawei";
    }

    @Override
    public int maxBatchSize() {
        return 1000;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        String body = VendorHttp.json(Map.of("validate_only", false, "message", message(notification, targets)));
        return AuthRetry.send(auth, targets, token -> http.sendAsync(
                VendorHttp.post(config.endpoint() + "/v1/" + config.clientId() + "/messages:send", config.timeout())
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json;charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> classify(response, targets))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString()))));
    }

    private Map<String, Object> message(PushNotification notification, List<PushTarget> targets) {
        Map<String, Object> androidNotification = new LinkedHashMap<>();
        androidNotification.put("title", notification.title());
        androidNotification.put("body", notification.body());
        androidNotification.put("click_action", Map.of("type", 3));
        if (notification.badge() >= 0) {
            Map<String, Object> badge = new LinkedHashMap<>();
            badge.put("set_num", notification.badge());
            if (!config.badgeClass().isEmpty()) {
                badge.put("class", config.badgeClass());
            }
            androidNotification.put("badge", badge);
        }
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("urgency", "HIGH");
        if (!config.category().isEmpty()) {
            android.put("category", config.category());
        }
        android.put("ttl", notification.ttlSeconds() + "s");
        android.put("notification", androidNotification);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", targets.stream().map(PushTarget::token).toList());
        message.put("data", VendorHttp.json(notification.data()));
        message.put("notification", Map.of("title", notification.title(), "body", notification.body()));
        message.put("android", android);
        return message;
    }

    static PushResult classify(HttpResponse<String> response, List<PushTarget> targets) {
        int status = response.statusCode();
        JsonNode body = VendorHttp.parse(response.body());
        String code = body.path("code").asText("");
        String reason = code.isEmpty() ? "HTTP " + status : code + " " + body.path("msg").asText("");
        if (status == 200 && code.equals("80000000")) {
            return PushResult.all(targets, PushOutcome.accepted());
        }
        if (status == 200 && code.equals("80100000")) {
            Set<String> illegal = new HashSet<>();
            VendorHttp.parse(body.path("msg").asText("")).path("illegal_tokens")
                    .forEach(token -> illegal.add(token.asText()));
            Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
            targets.forEach(target -> outcomes.put(target.token(), illegal.contains(target.token())
                    ? PushOutcome.of(Kind.INVALID_TOKEN, "illegal_tokens") : PushOutcome.accepted()));
            return new PushResult(outcomes);
        }
        Kind kind;
        if (code.equals("80300007")) {
            kind = Kind.INVALID_TOKEN;
        } else if (code.equals("80200003") || code.equals("80200001") || status == 401) {
            kind = Kind.AUTH_REFRESH;
        } else if (code.equals("81000001") || code.equals("80600003") || status == 500 || status == 502) {
            kind = Kind.TRANSIENT;
        } else if (status == 503) {
            kind = Kind.RATE_LIMITED;
        } else if (code.equals("80300002") || code.equals("80300011")) {
            kind = Kind.CONFIG_ERROR;
        } else if (BAD_REQUEST.contains(code)) {
            kind = Kind.BAD_REQUEST;
        } else {
            kind = status >= 500 ? Kind.TRANSIENT : Kind.BAD_REQUEST;
        }
        return PushResult.all(targets, new PushOutcome(kind, reason, VendorHttp.retryAfter(response)));
    }
}
