package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Huawei Push Kit: the OAuth endpoint {@code /oauth2/v3/token} (client credentials) and
 * {@code POST /v1/<clientId>/messages:send}, which requires the current Bearer token and the snake_case
 * {@code message} with a token array of 1 to 1000, a string {@code data} and the notification, and answers
 * Huawei's string codes.
 */
public final class HuaweiFake extends VendorFake {
    public static final String TOKEN_PATH = "/oauth2/v3/token";
    private static final List<ErrorRow> ROWS = List.of(
            new ErrorRow("80100000", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("80300007", ExpectedOutcome.INVALID_TOKEN),
            new ErrorRow("80200003", ExpectedOutcome.AUTH_REFRESH),
            new ErrorRow("80200001", ExpectedOutcome.AUTH_REFRESH),
            new ErrorRow("81000001", ExpectedOutcome.TRANSIENT),
            new ErrorRow("80600003", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http500", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http502", ExpectedOutcome.TRANSIENT),
            new ErrorRow("http503", ExpectedOutcome.RATE_LIMITED),
            new ErrorRow("80300002", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("80300011", ExpectedOutcome.CONFIG_ERROR),
            new ErrorRow("80100001", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80100003", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80100004", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80100013", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80100016", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80100018", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80300008", ExpectedOutcome.BAD_REQUEST),
            new ErrorRow("80300010", ExpectedOutcome.BAD_REQUEST));

    private final String clientId;
    private final ClientCredentialsEndpoint oauth;

    public HuaweiFake(String clientId, String clientSecret) {
        this.clientId = clientId;
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
        exchange.respond(503, "{\"msg\":\"flow control\"}", retryAfterHeader(retryAfter));
    }

    @Override
    protected void answerDown(Exchange exchange) throws IOException {
        exchange.respond(502, "");
    }

    @Override
    protected void answerStaleAuth(Exchange exchange) throws IOException {
        oauth.revoke();
        exchange.respond(200, code("80200003", "OAuth token expired"));
    }

    @Override
    protected void handleSend(Exchange exchange) throws IOException {
        if (!requirePostTo(exchange, "/v1/" + clientId + "/messages:send")) {
            return;
        }
        if (!oauth.isCurrent(exchange.header("Authorization"))) {
            violation("Authorization was '" + exchange.header("Authorization") + "'");
            exchange.respond(401, code("80200001", "Oauth authentication error"));
            return;
        }
        if (!exchange.header("Content-Type").startsWith("application/json")) {
            violation("Content-Type was " + exchange.header("Content-Type"));
        }
        JsonNode message = exchange.json().path("message");
        List<String> tokens = texts(message.path("token"));
        JsonNode notification = message.path("android").path("notification");
        if (tokens.isEmpty() || tokens.size() > 1000) {
            violation(tokens.size() + " tokens");
            exchange.respond(200, code("80300010", "token count"));
            return;
        }
        if (!message.path("data").isTextual() || !notification.path("title").isTextual()
                || !notification.path("body").isTextual()) {
            violation("message shape: " + message);
            exchange.respond(200, code("80100003", "Illegal message structure"));
            return;
        }
        ErrorRow row = rowFor(tokens);
        if (row != null && !row.name().equals("80100000")) {
            if (row.isHttpStatus()) {
                exchange.respond(row.httpStatus(), "");
            } else {
                exchange.respond(200, code(row.name(), "row " + row.name()));
            }
            return;
        }
        Map<String, String> data = textFields(JSON.readTree(message.path("data").asText()));
        List<String> illegal = new ArrayList<>();
        for (String token : tokens) {
            if (token.equals("row-80100000")) {
                illegal.add(token);
            } else {
                received(token, "", notification.path("title").asText(), notification.path("body").asText(),
                        notification.path("badge").path("set_num").asInt(-1), data);
            }
        }
        if (illegal.isEmpty()) {
            exchange.respond(200, code("80000000", "Success"));
        } else {
            String msg = JSON.writeValueAsString(Map.of("success", tokens.size() - illegal.size(),
                    "failure", illegal.size(), "illegal_tokens", illegal));
            exchange.respond(200, JSON.writeValueAsString(Map.of("code", "80100000", "msg", msg, "requestId", "r1")));
        }
    }

    private static String code(String code, String msg) {
        return "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"requestId\":\"r1\"}";
    }
}
