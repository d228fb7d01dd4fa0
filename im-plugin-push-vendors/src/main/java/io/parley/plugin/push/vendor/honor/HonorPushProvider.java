package io.parley.plugin.push.vendor.honor;

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
 * Honor Push: {@code POST /api/v1/<appId>/sendMessage} with up to 1000 tokens, a camelCase body without a
 * {@code message} wrapper, the {@code timestamp} header and an OAuth client-credentials token (an hour long,
 * cached). Accepted is HTTP 200 with {@code code} 200 and {@code data.sendResult}; {@code data.expireTokens}
 * are dead, {@code data.failTokens} are retried. Honor forked HMS, so HMS codes that show up are classified
 * as Huawei's are.
 */
public final class HonorPushProvider implements PushProvider {
    private final HonorConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final CachedToken auth;

    public HonorPushProvider(HonorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = VendorHttp.http11(config.timeout());
        this.auth = new CachedToken(() -> ClientCredentials.mint(http, config.authUrl(), config.clientId(),
                config.clientSecret(), config.timeout()), Duration.ofMinutes(5), clock);
    }

    @Override
    public String vendor() {
        return "honor";
    }

    @Override
    public int maxBatchSize() {
        return 1000;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        String body = VendorHttp.json(body(notification, targets));
        return AuthRetry.send(auth, targets, token -> http.sendAsync(
                VendorHttp.post(config.endpoint() + "/api/v1/" + config.appId() + "/sendMessage", config.timeout())
                        .header("Authorization", "Bearer " + token)
                        .header("timestamp", String.valueOf(clock.millis()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> classify(response, targets))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString()))));
    }

    private Map<String, Object> body(PushNotification notification, List<PushTarget> targets) {
        Map<String, Object> androidNotification = new LinkedHashMap<>();
        androidNotification.put("title", notification.title());
        androidNotification.put("body", notification.body());
        androidNotification.put("clickAction", Map.of("type", 3));
        if (notification.badge() >= 0) {
            Map<String, Object> badge = new LinkedHashMap<>();
            badge.put("setNum", notification.badge());
            if (!config.badgeClass().isEmpty()) {
                badge.put("badgeClass", config.badgeClass());
            }
            androidNotification.put("badge", badge);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", targets.stream().map(PushTarget::token).toList());
        body.put("data", VendorHttp.json(notification.data()));
        body.put("notification", Map.of("title", notification.title(), "body", notification.body()));
        body.put("android", Map.of("ttl", notification.ttlSeconds() + "s", "notification", androidNotification));
        return body;
    }

    static PushResult classify(HttpResponse<String> response, List<PushTarget> targets) {
        int status = response.statusCode();
        JsonNode body = VendorHttp.parse(response.body());
        JsonNode data = body.path("data");
        String code = body.path("code").asText("");
        if (status == 200 && (code.equals("200") || code.equals("80000000")) && data.path("sendResult").asBoolean(true)) {
            Set<String> expired = texts(data.path("expireTokens"));
            Set<String> failed = texts(data.path("failTokens"));
            Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
            for (PushTarget target : targets) {
                outcomes.put(target.token(), expired.contains(target.token())
                        ? PushOutcome.of(Kind.INVALID_TOKEN, "expireTokens")
                        : failed.contains(target.token()) ? PushOutcome.of(Kind.TRANSIENT, "failTokens")
                        : PushOutcome.accepted());
            }
            return new PushResult(outcomes);
        }
        String reason = code.isEmpty() ? "HTTP " + status : code + " " + body.path("message").asText("");
        Kind kind = status == 401 || code.equals("80200003") || code.equals("80200001") ? Kind.AUTH_REFRESH
                : status == 429 ? Kind.RATE_LIMITED
                : status >= 500 ? Kind.TRANSIENT
                : code.equals("80300002") || code.equals("80300011") || status == 403 ? Kind.CONFIG_ERROR
                : Kind.BAD_REQUEST;
        return PushResult.all(targets, new PushOutcome(kind, reason, VendorHttp.retryAfter(response)));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
