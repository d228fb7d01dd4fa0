package io.parley.plugin.push.vendor.meizu;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.plugin.push.http.Badges;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Meizu Flyme push: {@code POST /garcia/api/server/push/varnished/pushByPushId}, a form of {@code appId},
 * up to 100 comma-separated {@code pushIds} and {@code messageJson}, signed per request with MD5 (no token).
 * The string {@code code} says how the request went; {@code value} maps failure codes to the push ids that
 * failed, so {@code 110010} means "too fast" at the top and "switched off" inside {@code value}. Meizu has no
 * badge field: the badge travels in the click parameters, with the payload.
 */
public final class MeizuPushProvider implements PushProvider {
    static final String PATH = "/garcia/api/server/push/varnished/pushByPushId";
    private static final Set<String> TOP_TRANSIENT = Set.of("1001", "1003", "500");
    private static final Set<String> TOP_QUOTA = Set.of("110019", "110051", "110053");
    private static final Set<String> TOP_CONFIG = Set.of("1006", "110000", "110001", "110009", "110031", "110033");
    private static final Set<String> VALUE_INVALID = Set.of("110002", "110003", "110005", "110010");

    private final MeizuConfig config;
    private final HttpClient http;

    public MeizuPushProvider(MeizuConfig config) {
        this.config = config;
        this.http = VendorHttp.http11(config.timeout());
    }

    @Override
    public String vendor() {
        return "meizu";
    }

    @Override
    public int maxBatchSize() {
        return 100;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("appId", config.appId());
        form.put("pushIds", targets.stream().map(PushTarget::token).collect(Collectors.joining(",")));
        form.put("messageJson", VendorHttp.json(message(notification)));
        form.put("sign", MeizuSignature.sign(form, config.appSecret()));
        return http.sendAsync(VendorHttp.post(config.endpoint() + PATH, config.timeout())
                        .header("Content-Type", VendorHttp.FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.form(form))).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> classify(response, targets))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString())));
    }

    private static Map<String, Object> message(PushNotification notification) {
        Map<String, Object> noticeBar = new LinkedHashMap<>();
        noticeBar.put("noticeMsgType", 1);
        noticeBar.put("noticeBarType", 0);
        noticeBar.put("title", notification.title());
        noticeBar.put("content", notification.body());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("noticeBarInfo", noticeBar);
        message.put("clickTypeInfo", Map.of("clickType", 0, "parameters", Badges.inPayload(notification)));
        long hours = Math.max(1, Math.min(72, (notification.ttlSeconds() + 3599) / 3600));
        message.put("pushTimeInfo", Map.of("offLine", 1, "validTime", hours));
        return message;
    }

    static PushResult classify(HttpResponse<String> response, List<PushTarget> targets) {
        if (response.statusCode() >= 500) {
            return PushResult.all(targets, new PushOutcome(Kind.TRANSIENT, "HTTP " + response.statusCode(),
                    VendorHttp.retryAfter(response)));
        }
        JsonNode body = VendorHttp.parse(response.body());
        String code = body.path("code").asText("");
        if (!code.equals("200")) {
            Kind kind = TOP_TRANSIENT.contains(code) ? Kind.TRANSIENT
                    : code.equals("110010") ? Kind.RATE_LIMITED
                    : TOP_QUOTA.contains(code) ? Kind.QUOTA_EXHAUSTED
                    : TOP_CONFIG.contains(code) ? Kind.CONFIG_ERROR
                    : Kind.BAD_REQUEST;
            return PushResult.all(targets, new PushOutcome(kind, code + " " + body.path("message").asText(""),
                    VendorHttp.retryAfter(response)));
        }
        Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
        targets.forEach(target -> outcomes.put(target.token(), PushOutcome.accepted()));
        body.path("value").fields().forEachRemaining(entry -> {
            PushOutcome outcome = PushOutcome.of(valueKind(entry.getKey()), "value " + entry.getKey());
            entry.getValue().forEach(id -> outcomes.computeIfPresent(id.asText(), (token, old) -> outcome));
        });
        return new PushResult(outcomes);
    }

    private static Kind valueKind(String code) {
        if (VALUE_INVALID.contains(code)) {
            return Kind.INVALID_TOKEN;
        }
        return switch (code) {
            case "501", "513" -> Kind.TRANSIENT;
            case "519" -> Kind.RATE_LIMITED;
            case "110011" -> Kind.QUOTA_EXHAUSTED;
            case "201" -> Kind.CONFIG_ERROR;
            default -> Kind.BAD_REQUEST;
        };
    }
}
