package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firebase Cloud Messaging HTTP v1 and Google's OAuth2 token endpoint ({@code /token}, the service account's
 * {@code token_uri}). The token endpoint checks the grant type and the RS256 assertion (signature with the
 * account's public key, {@code iss}, {@code scope}, {@code aud}, a lifetime of at most an hour) and hands out
 * {@code t1}, {@code t2}, …; the send endpoint requires the current token, the exact path and the
 * {@code message} fields, and answers in Google's error shape with an {@code FcmError} detail.
 */
public final class FcmFake extends VendorFake {
    public static final String TOKEN_PATH = "/token";
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("UNREGISTERED", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("SENDER_ID_MISMATCH", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("INVALID_ARGUMENT-token", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("INVALID_ARGUMENT-payload", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("QUOTA_EXCEEDED", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("UNAVAILABLE", ExpectedOutcome.TRANSIENT),
            new ErrorRow("INTERNAL", ExpectedOutcome.TRANSIENT),
            new ErrorRow("THIRD_PARTY_AUTH_ERROR", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("PERMISSION_DENIED", ExpectedOutcome.CONFIG_ERROR));

    private final String projectId;
    private final String clientEmail;
    private final PublicKey publicKey;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String currentToken = "";

    public FcmFake(String projectId, String clientEmail, PublicKey publicKey) {
        this.projectId = projectId;
        this.clientEmail = clientEmail;
        this.publicKey = publicKey;
    }

    /** The service account's {@code token_uri}. */
    public String tokenUri() {
        return baseUrl() + TOKEN_PATH;
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    @Override
    protected String authPath() {
        return TOKEN_PATH;
    }

    @Override
    protected void answerAuth(Exchange exchange) throws IOException {
        Map<String, String> form = exchange.form();
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            violation("grant_type was " + form.get("grant_type"));
            exchange.respond(400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        try {
            JsonNode claims = JwtVerifier.verify(form.getOrDefault("assertion", ""), "RS256", publicKey).claims();
            long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
            if (!claims.path("iss").asText().equals(clientEmail) || !claims.path("scope").asText().equals(SCOPE)
                    || !claims.path("aud").asText().equals(tokenUri()) || lifetime <= 0 || lifetime > 3600) {
                throw new IllegalArgumentException("bad claims " + claims);
            }
        } catch (IllegalArgumentException e) {
            violation("assertion: " + e.getMessage());
            exchange.respond(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        currentToken = "t" + issued.incrementAndGet();
        exchange.respond(200, "{\"access_token\":\"" + currentToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    @Override
    protected void answerDown(Exchange exchange) throws IOException {
        exchange.respond(503, error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."));
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."),
                retryAfterHeader(retryAfter));
    }

    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        currentToken = "revoked";
        exchange.respond(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                + "\"status\":\"UNAUTHENTICATED\"}}");
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        String path = "/v1/projects/" + projectId + "/messages:send";
        if (!requirePostTo(exchange, path, error(404, "NOT_FOUND", "", "not found"))) {
            return;
        }
        if (!exchange.header("Authorization").equals("Bearer " + currentToken)) {
            violation("Authorization was '" + exchange.header("Authorization") + "', current token " + currentToken);
            answerStaleAuth(exchange);
            return;
        }
        if (!exchange.header("Content-Type").startsWith("application/json")) {
            violation("Content-Type was " + exchange.header("Content-Type"));
        }
        JsonNode message = exchange.json().path("message");
        String token = message.path("token").asText("");
        if (token.isEmpty() || !message.path("notification").path("title").isTextual()
                || !message.path("notification").path("body").isTextual()) {
            violation("message lacks token or notification: " + message);
            exchange.respond(400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "bad message"));
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        message.path("data").fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                violation("data." + entry.getKey() + " is not a string");
            }
            data.put(entry.getKey(), entry.getValue().asText());
        });
        ErrorRow row = rowFor(List.of(token));
        if (row != null) {
            answerRow(exchange, row);
            return;
        }
        received(token, "", message.path("notification").path("title").asText(),
                message.path("notification").path("body").asText(),
                message.path("android").path("notification").path("notification_count").asInt(-1), data);
        exchange.respond(200, "{\"name\":\"projects/" + projectId + "/messages/0:1500415314455276%31bd1c9631bd1c96\"}");
    }

    private void answerRow(Exchange exchange, ErrorRow row) throws IOException {
        switch (row.name()) {
            case "UNREGISTERED" -> exchange.respond(404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));
            case "SENDER_ID_MISMATCH" -> exchange.respond(403, error(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch"));
            case "INVALID_ARGUMENT-token" -> exchange.respond(400, "{\"error\":{\"code\":400,\"message\":"
                    + "\"The registration token is not a valid FCM registration token\",\"status\":\"INVALID_ARGUMENT\","
                    + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"INVALID_ARGUMENT\"},"
                    + "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"message.token\","
                    + "\"description\":\"Invalid registration token\"}]}]}}");
            case "INVALID_ARGUMENT-payload" -> exchange.respond(400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                    "Invalid value at 'message.android.ttl'"));
            case "QUOTA_EXCEEDED" -> exchange.respond(429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."));
            case "UNAVAILABLE" -> exchange.respond(503, error(503, "UNAVAILABLE", "UNAVAILABLE", "unavailable"));
            case "INTERNAL" -> exchange.respond(500, error(500, "INTERNAL", "INTERNAL", "internal error"));
            case "THIRD_PARTY_AUTH_ERROR" -> exchange.respond(401, error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR",
                    "Auth error from APNS or Web Push Service"));
            case "PERMISSION_DENIED" -> exchange.respond(403, "{\"error\":{\"code\":403,\"message\":"
                    + "\"Firebase Cloud Messaging API has not been used in project\",\"status\":\"PERMISSION_DENIED\"}}");
            default -> throw new IllegalStateException("unknown row " + row.name());
        }
    }

    private static String error(int code, String status, String fcmErrorCode, String message) {
        String details = fcmErrorCode.isEmpty() ? "[]"
                : "[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + fcmErrorCode + "\"}]";
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status
                + "\",\"details\":" + details + "}}";
    }
}
