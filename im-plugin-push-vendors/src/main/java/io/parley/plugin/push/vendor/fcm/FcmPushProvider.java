package io.parley.plugin.push.vendor.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.plugin.push.http.AuthRetry;
import io.parley.plugin.push.http.CachedToken;
import io.parley.plugin.push.http.Jwts;
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
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Firebase Cloud Messaging HTTP v1: {@code POST /v1/projects/<project>/messages:send}, one token per request,
 * with an OAuth2 access token minted from the service account (an RS256 JWT assertion exchanged at its
 * {@code token_uri}) and cached until five minutes before it expires. Errors are classified by the
 * {@code FcmError} code in the answer's details.
 */
public final class FcmPushProvider implements PushProvider {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final FcmConfig config;
    private final Clock clock;
    private final PrivateKey key;
    private final HttpClient http;
    private final CachedToken auth;

    public FcmPushProvider(FcmConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.key = Jwts.privateKey(config.privateKeyPem(), "RSA");
        this.http = VendorHttp.http11(config.timeout());
        this.auth = new CachedToken(this::mint, Duration.ofMinutes(5), clock);
    }

    @Override
    public String vendor() {
        return "fcm";
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    /** How many access tokens were minted. */
    public long authMints() {
        return auth.mints();
    }

    @Override
    public CompletionStage<PushResult> send(PushNotification notification, List<PushTarget> targets) {
        PushTarget target = targets.get(0);
        String body = VendorHttp.json(Map.of("message", message(notification, target)));
        return AuthRetry.send(auth, targets, token -> http.sendAsync(
                VendorHttp.post(config.endpoint() + "/v1/projects/" + config.projectId() + "/messages:send",
                        config.timeout())
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> PushResult.all(targets, classify(response)))
                .exceptionally(error -> PushResult.all(targets, PushOutcome.of(Kind.TRANSIENT, error.toString()))));
    }

    private static Map<String, Object> message(PushNotification notification, PushTarget target) {
        Map<String, Object> androidNotification = new LinkedHashMap<>();
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("sound", "default");
        if (notification.badge() >= 0) {
            androidNotification.put("notification_count", notification.badge());
            aps.put("badge", notification.badge());
        }
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", "HIGH");
        android.put("ttl", notification.ttlSeconds() + "s");
        if (!notification.collapseId().isEmpty()) {
            android.put("collapse_key", notification.collapseId());
        }
        android.put("notification", androidNotification);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", target.token());
        message.put("notification", Map.of("title", notification.title(), "body", notification.body()));
        message.put("data", notification.data());
        message.put("android", android);
        message.put("apns", Map.of("headers", Map.of("apns-priority", "10", "apns-push-type", "alert"),
                "payload", Map.of("aps", aps)));
        return message;
    }

    static PushOutcome classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return PushOutcome.accepted();
        }
        JsonNode error = VendorHttp.parse(response.body()).path("error");
        String errorCode = "";
        boolean tokenField = false;
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith("google.firebase.fcm.v1.FcmError")) {
                errorCode = detail.path("errorCode").asText("");
            }
            for (JsonNode violation : detail.path("fieldViolations")) {
                tokenField |= violation.path("field").asText().equals("message.token");
            }
        }
        String message = error.path("message").asText("");
        String reason = (errorCode.isEmpty() ? error.path("status").asText("HTTP " + status) : errorCode) + " " + message;
        Kind kind = switch (errorCode) {
            case "UNREGISTERED", "SENDER_ID_MISMATCH" -> Kind.INVALID_TOKEN;
            case "INVALID_ARGUMENT" -> tokenField || message.contains("not a valid FCM registration token")
                    ? Kind.INVALID_TOKEN : Kind.BAD_REQUEST;
            case "QUOTA_EXCEEDED" -> Kind.RATE_LIMITED;
            case "UNAVAILABLE", "INTERNAL" -> Kind.TRANSIENT;
            case "THIRD_PARTY_AUTH_ERROR", "APNS_AUTH_ERROR" -> Kind.CONFIG_ERROR;
            default -> status == 401 ? Kind.AUTH_REFRESH
                    : status == 403 ? Kind.CONFIG_ERROR
                    : status == 429 ? Kind.RATE_LIMITED
                    : status >= 500 ? Kind.TRANSIENT
                    : Kind.BAD_REQUEST;
        };
        return new PushOutcome(kind, reason.trim(), VendorHttp.retryAfter(response));
    }

    private CompletionStage<CachedToken.Minted> mint() {
        long now = clock.millis() / 1000;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (!config.privateKeyId().isEmpty()) {
            header.put("kid", config.privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", config.tokenUri());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String form = VendorHttp.form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion", Jwts.rs256(header, claims, key)));
        return http.sendAsync(VendorHttp.post(config.tokenUri(), config.timeout())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(FcmPushProvider::minted);
    }

    private static CachedToken.Minted minted(HttpResponse<String> response) {
        JsonNode body = VendorHttp.parse(response.body());
        if (response.statusCode() == 200 && !body.path("access_token").asText("").isEmpty()) {
            return new CachedToken.Minted(body.path("access_token").asText(),
                    Duration.ofSeconds(body.path("expires_in").asLong(3600)));
        }
        Kind kind = response.statusCode() >= 500 ? Kind.TRANSIENT : Kind.CONFIG_ERROR;
        throw new VendorAuthException(PushOutcome.of(kind, "token endpoint: HTTP " + response.statusCode() + " "
                + body.path("error").asText("") + " " + body.path("error_description").asText("")));
    }
}
