package io.parley.starter.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.model.UserId;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.util.Map;

/**
 * {@code POST /web/dev/token} with {@code {"userId": "alice"}}: a token for any user, no questions asked, so
 * that the chat page works on a developer's machine without an app server. Mounted only when
 * {@code web.dev-sign-in} is true; in production the host app gets tokens from the signed server API.
 */
final class DevTokenEndpoint implements HttpEndpoint {
    static final String PATH = "/web/dev/token";

    private final TokenService tokens;

    DevTokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("POST") && path.equals(PATH);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        JsonNode body = Json.parseObject(call.body());
        String userId = body.path("userId").asText("").trim();
        UserId.of(userId); // refuses an empty, too long or badly formed id with a clear message
        return Json.answer(200, Map.of("code", 200, "userId", userId, "token", tokens.issue(userId)));
    }
}
