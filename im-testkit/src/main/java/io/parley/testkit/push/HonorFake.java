package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Honor Push: the token endpoint {@code /auth/token} (client credentials) and
 * {@code POST /api/v1/<appId>/sendMessage}, which requires the current Bearer token, a numeric
 * {@code timestamp} header and the camelCase body without a {@code message} wrapper, and answers
 * {@code {"code":200,"data":{"sendResult":true,"expireTokens":[…],"failTokens":[…]}}}. Honor documents few
 * error codes; the rows below are the documented ones plus the HMS codes a fork may return (unverified).
 */
public final class HonorFake extends VendorFake {
    public static final String TOKEN_PATH = "/auth/token";
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("expireTokens", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("failTokens", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http500", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http503", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http429", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("80300002", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("80100003", ExpectedOutcome.BAD_REQUEST));

    private final String appId;
    private final ClientCredentialsEndpoint oauth;

    public HonorFake(String appId, String clientId, String clientSecret) {
        this.appId = appId;
        this.oauth = new ClientCredentialsEndpoint(clientId, clientSecret);
    }

    public String authUrl() {
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
        oauth.answer(exchange, this::violation);
    }

    @Override
    protected void answerRateLimited(Exchange exchange, long retryAfter) throws IOException {
        exchange.respond(429, "{\"code\":429,\"message\":\"too many requests\"}", retryAfterHeader(retryAfter));
    }

    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        oauth.revoke();
        exchange.respond(401, "{\"code\":401,\"message\":\"token expired\"}");
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, "/api/v1/" + appId + "/sendMessage")) {
            return;
        }
        if (!oauth.isCurrent(exchange.header("Authorization"))) {
            violation("Authorization was '" + exchange.header("Authorization") + "'");
            exchange.respond(401, "{\"code\":401,\"message\":\"unauthorized\"}");
            return;
        }
        if (!exchange.header("timestamp").matches("\\d{13}")) {
            violation("timestamp header was '" + exchange.header("timestamp") + "'");
        }
        JsonNode body = exchange.json();
        if (body.has("message")) {
            violation("Honor's body has no message wrapper");
        }
        List<String> tokens = texts(body.path("token"));
        JsonNode notification = body.path("android").path("notification");
        if (tokens.isEmpty() || !body.path("data").isTextual() || !notification.path("title").isTextual()) {
            violation("body shape: " + body);
            exchange.respond(400, "{\"code\":80100003,\"message\":\"bad body\"}");
            return;
        }
        ErrorRow row = rowFor(tokens);
        if (row != null && !row.name().endsWith("Tokens")) {
            if (row.isHttpStatus()) {
                exchange.respond(row.httpStatus(), "");
            } else {
                exchange.respond(200, "{\"code\":" + row.name() + ",\"message\":\"row\"}");
            }
            return;
        }
        Map<String, String> data = textFields(JSON.readTree(body.path("data").asText()));
        List<String> expired = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String token : tokens) {
            if (token.equals("row-expireTokens")) {
                expired.add(token);
            } else if (token.equals("row-failTokens")) {
                failed.add(token);
            } else {
                received(token, "", notification.path("title").asText(), notification.path("body").asText(),
                        notification.path("badge").path("setNum").asInt(-1), data);
            }
        }
        exchange.respond(200, JSON.writeValueAsString(Map.of("code", 200, "message", "success", "data",
                Map.of("sendResult", true, "requestId", "r1", "expireTokens", expired, "failTokens", failed))));
    }
}
