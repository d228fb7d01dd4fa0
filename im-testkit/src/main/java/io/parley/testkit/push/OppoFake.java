package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * OPPO OPUSH: {@code /server/v1/auth} recomputes the SHA-256 sign from the received {@code app_key},
 * {@code timestamp} and the master secret and refuses a timestamp more than ten minutes off;
 * {@code /server/v1/message/notification/unicast} takes the auth token as a form field or header and the
 * {@code message} JSON, and answers OPPO's numeric codes.
 */
public final class OppoFake extends VendorFake {
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("10000", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("11", ExpectedOutcome.AUTH_REFRESH),
            new ErrorRow("-1", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http500", ExpectedOutcome.TRANSIENT),
            new ErrorRow("-2", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("13", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("55", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("33", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("14", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("19", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("26", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("27", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("28", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("29", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("30", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("67", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("40", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("41", ExpectedOutcome.BAD_REQUEST));

    private final String appKey;
    private final String masterSecret;
    private final IssuedTokens authTokens = new IssuedTokens("oppo-auth-");

    public OppoFake(String appKey, String masterSecret) {
        this.appKey = appKey;
        this.masterSecret = masterSecret;
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    @Override
    protected String authPath() {
        return "/server/v1/auth";
    }

    @Override
    protected void answerAuth(Exchange exchange) throws IOException {
        Map<String, String> form = exchange.form();
        String timestamp = form.getOrDefault("timestamp", "");
        String expected = Hex.digest("SHA-256", form.getOrDefault("app_key", "") + timestamp + masterSecret);
        if (!appKey.equals(form.get("app_key")) || !expected.equals(form.get("sign"))) {
            violation("auth sign or app_key wrong: " + form);
            exchange.respond(200, code(16, "Invalid sign"));
            return;
        }
        if (!timestamp.matches("\\d{13}") || Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis()) > 600_000) {
            violation("timestamp " + timestamp + " is off by more than 10 minutes");
            exchange.respond(200, code(17, "Invalid timestamp"));
            return;
        }
        String authToken = authTokens.issue();
        exchange.respond(200, "{\"code\":0,\"message\":\"Success\",\"data\":{\"auth_token\":\"" + authToken
                + "\",\"create_time\":" + System.currentTimeMillis() + "}}");
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(200, code(-2, "Server flow control"), retryAfterHeader(retryAfter));
    }

    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        authTokens.revoke();
        exchange.respond(200, code(11, "Invalid AuthToken"));
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, "/server/v1/message/notification/unicast")) {
            return;
        }
        Map<String, String> form = exchange.form();
        String token = form.getOrDefault("auth_token", exchange.header("auth_token"));
        if (!authTokens.isCurrent(token)) {
            violation("auth_token was '" + token + "'");
            exchange.respond(200, code(11, "Invalid AuthToken"));
            return;
        }
        JsonNode message = JSON.readTree(form.getOrDefault("message", "{}"));
        JsonNode notification = message.path("notification");
        String regId = message.path("target_value").asText("");
        if (message.path("target_type").asInt() != 2 || regId.isEmpty() || !notification.path("title").isTextual()
                || !notification.path("content").isTextual()) {
            violation("message shape: " + message);
            exchange.respond(200, code(40, "Missing arguments"));
            return;
        }
        ErrorRow row = rowFor(List.of(regId));
        if (row != null) {
            if (row.isHttpStatus()) {
                exchange.respond(row.httpStatus(), "");
            } else {
                exchange.respond(200, code(Integer.parseInt(row.name()), "row " + row.name()));
            }
            return;
        }
        Map<String, String> data = textFields(JSON.readTree(notification.path("action_parameters").asText("{}")));
        received(regId, "", notification.path("title").asText(), notification.path("content").asText(), data);
        exchange.respond(200, "{\"code\":0,\"message\":\"Success\",\"data\":{\"messageId\":\"m1\"}}");
    }

    private static String code(int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
