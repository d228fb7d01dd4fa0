package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * vivo: {@code /message/auth} recomputes the MD5 sign from the received JSON and refuses a timestamp more than
 * ten minutes off; {@code /message/send} requires the {@code authToken} header, a non-empty {@code requestId}
 * and the app id the token was issued for, and answers vivo's {@code result} codes.
 */
public final class VivoFake extends VendorFake {
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("invalidUser", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("10302", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("10000", ExpectedOutcome.AUTH_REFRESH),
            new ErrorRow("http500", ExpectedOutcome.TRANSIENT),
            new ErrorRow("10072", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("10070", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("10252", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("10254", ExpectedOutcome.QUOTA_EXHAUSTED),
            new ErrorRow("10094", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("10096", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("10097", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("10050", ExpectedOutcome.BAD_REQUEST));

    private final String appId;
    private final String appKey;
    private final String appSecret;
    private final IssuedTokens authTokens = new IssuedTokens("vivo-auth-");

    public VivoFake(String appId, String appKey, String appSecret) {
        this.appId = appId;
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    @Override
    public List<ErrorRow> errorRows() {
        return ROWS;
    }

    @Override
    protected String authPath() {
        return "/message/auth";
    }

    @Override
    protected void answerAuth(Exchange exchange) throws IOException {
        JsonNode body = exchange.json();
        String timestamp = body.path("timestamp").asText("");
        String expected = Hex.digest("MD5", body.path("appId").asText("") + body.path("appKey").asText("")
                + timestamp + appSecret);
        if (!appId.equals(body.path("appId").asText()) || !appKey.equals(body.path("appKey").asText())
                || !expected.equals(body.path("sign").asText())) {
            violation("auth sign, appId or appKey wrong: " + body);
            exchange.respond(200, result(10200, "sign error"));
            return;
        }
        if (!body.path("timestamp").isNumber() || Math.abs(body.path("timestamp").asLong() - System.currentTimeMillis()) > 600_000) {
            violation("timestamp " + timestamp + " is not a number within 10 minutes");
            exchange.respond(200, result(10201, "timestamp error"));
            return;
        }
        exchange.respond(200, "{\"result\":0,\"desc\":\"请求成功\",\"authToken\":\"" + authTokens.issue() + "\"}");
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(200, result(10072, "too fast"), retryAfterHeader(retryAfter));
    }

    @Override
    protected void answerDown(Exchange exchange) throws IOException {
        exchange.respond(500, "");
    }

    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        authTokens.revoke();
        exchange.respond(200, result(10000, "auth failed"));
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, "/message/send")) {
            return;
        }
        if (!authTokens.isCurrent(exchange.header("authToken"))) {
            violation("authToken header was '" + exchange.header("authToken") + "'");
            exchange.respond(200, result(10000, "auth failed"));
            return;
        }
        JsonNode body = exchange.json();
        String regId = body.path("regId").asText("");
        if (!body.path("appId").asText().equals(appId)) {
            violation("appId " + body.path("appId") + " does not match the token's app");
            exchange.respond(200, result(10094, "appId mismatch"));
            return;
        }
        if (regId.isEmpty() || body.path("requestId").asText("").isEmpty() || !body.path("title").isTextual()
                || !body.path("content").isTextual()) {
            violation("send shape: " + body);
            exchange.respond(200, result(10050, "bad parameters"));
            return;
        }
        ErrorRow row = rowFor(List.of(regId));
        if (row != null) {
            switch (row.name()) {
                case "http500" -> exchange.respond(500, "");
                case "invalidUser" -> exchange.respond(200, "{\"result\":0,\"desc\":\"请求成功\",\"taskId\":\"t1\","
                        + "\"invalidUser\":{\"userid\":\"" + regId + "\",\"status\":2}}");
                default -> exchange.respond(200, result(Integer.parseInt(row.name()), "row " + row.name()));
            }
            return;
        }
        Map<String, String> data = textFields(body.path("clientCustomMap"));
        received(regId, "", body.path("title").asText(), body.path("content").asText(), data);
        exchange.respond(200, "{\"result\":0,\"desc\":\"请求成功\",\"taskId\":\"t1\"}");
    }

    private static String result(int code, String desc) {
        return "{\"result\":" + code + ",\"desc\":\"" + desc + "\"}";
    }
}
