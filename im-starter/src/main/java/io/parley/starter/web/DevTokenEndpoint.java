package io.parley.starter.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /web/dev/token} with {@code {"userId": "alice", "name"?: "Alice Liddell"}}: a token for any user, no
 * questions asked, so that the chat page works on a developer's machine without an app server. It runs the server
 * API's {@code /user/getToken.json} as the app server would, so a name given is registered as the user's name (one
 * left out keeps the name the user has). Mounted only when {@code web.dev-sign-in} is true; in production the host
 * app gets tokens from the signed server API.
 */
final class DevTokenEndpoint implements HttpEndpoint {
    static final String PATH = "/web/dev/token";

    private final Supplier<HttpApiHandler> api;

    /** @param api the server API; looked up on first use, since the web endpoints are mounted before it is built */
    DevTokenEndpoint(Supplier<HttpApiHandler> api) {
        this.api = api;
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
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("userId", List.of(userId));
        String name = body.path("name").asText("").trim();
        if (!name.isEmpty()) {
            form.put("name", List.of(name));
        }
        Object token = api.get().callRoute(new ApiRequest("/user/getToken.json", form, Optional.empty())).fields()
                .get("token");
        return Json.answer(200, Map.of("code", 200, "userId", userId, "token", token));
    }
}
