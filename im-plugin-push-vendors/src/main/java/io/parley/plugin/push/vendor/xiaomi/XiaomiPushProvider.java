package io.parley.plugin.push.vendor.xiaomi;

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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Xiaomi MiPush: {@code POST /v3/message/regid}, a form with up to 1000 comma-separated regIds, authorised by
 * {@code Authorization: key=<AppSecret>} (a static key: nothing to cache or refresh). Ids listed in
 * {@code data.bad_regids} are dead even when the request succeeds. MiPush has no badge field: the badge
 * travels in the payload.
 */
public final class XiaomiPushProvider implements PushProvider {
    static final String PATH = "/v3/message/regid";
    private static final Set<Long> TRANSIENT = Set.of(1L, 10001L, 10002L, 10003L);
    private static final Set<Long> QUOTA = Set.of(10034L, 200001L);
    private static final Set<Long> CONFIG = Set.of(21301L, 22000L, 22006L, 22007L, 22022L, 10031L, 27001L);

    private final XiaomiConfig config;
    private final HttpClient http;

    public XiaomiPushProvider(XiaomiConfig config) {
        this.config = config;
        this.http = VendorHttp.http11(config.timeout());
    }

    @Override
    public String vendor() {
        return "xiaomi";
    }

    @Override
    public int maxBatchSize() {
        return 1000;
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("registration_id", targets.stream().map(PushTarget::token).collect(Collectors.joining(",")));
        form.put("restricted_package_name", targets.get(0).appId());
        form.put("pass_through", "0");
        form.put("title", notification.title());
        form.put("description", notification.body());
        form.put("payload", VendorHttp.json(Badges.inPayload(notification)));
        form.put("notify_type", "-1");
        form.put("time_to_live", String.valueOf(notification.ttlSeconds() * 1000));
        if (!config.channelId().isEmpty()) {
            form.put("extra.channel_id", config.channelId());
        }
        HttpRequest request = VendorHttp.post(config.endpoint() + PATH, config.timeout())
                .header("Authorization", "key=" + config.appSecret())
                .header("Content-Type", VendorHttp.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.form(form))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> classify(response, targets))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString())));
    }

    static PushResult classify(HttpResponse<String> response, List<PushTarget> targets) {
        if (response.statusCode() >= 500) {
            return PushResult.all(targets, new PushOutcome(Kind.TRANSIENT, "HTTP " + response.statusCode(),
                    VendorHttp.retryAfter(response)));
        }
        JsonNode body = VendorHttp.parse(response.body());
        long code = body.path("code").asLong(-1);
        String reason = code + " " + body.path("reason").asText(body.path("description").asText(""));
        if (code == 0) {
            Set<String> bad = new HashSet<>(Arrays.asList(body.path("data").path("bad_regids").asText("").split(",")));
            Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
            for (PushTarget target : targets) {
                outcomes.put(target.token(), bad.contains(target.token())
                        ? PushOutcome.of(Kind.INVALID_TOKEN, "bad_regids") : PushOutcome.accepted());
            }
            return new PushResult(outcomes);
        }
        Kind kind;
        if (code == 20301) {
            kind = Kind.INVALID_TOKEN;
        } else if (code == 10027) {
            kind = Kind.RATE_LIMITED;
        } else if (QUOTA.contains(code)) {
            kind = Kind.QUOTA_EXHAUSTED;
        } else if (TRANSIENT.contains(code)) {
            kind = Kind.TRANSIENT;
        } else if (CONFIG.contains(code) || response.statusCode() == 401 || response.statusCode() == 403) {
            kind = Kind.CONFIG_ERROR;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        return PushResult.all(targets, new PushOutcome(kind, reason.trim(), VendorHttp.retryAfter(response)));
    }
}
