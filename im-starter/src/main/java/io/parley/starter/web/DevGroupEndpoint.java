package io.parley.starter.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /web/dev/group} with {@code Authorization: Bearer <token>} and {@code {"name": "Hikers", "memberIds":
 * ["bob", "cid"]}}: creates a group of the token's user and the members named, with a new id, by running the server
 * API's {@code /group/create.json} as an app server would (so the members get its {@code Create} notice). Answers
 * {@code {code: 200, groupId, name, memberCount}}. Mounted only with {@code web.dev-sign-in}, next to
 * {@link DevTokenEndpoint}: in production groups are made by the app server.
 */
final class DevGroupEndpoint implements HttpEndpoint {
    static final String PATH = "/web/dev/group";
    private static final int MAX_MEMBERS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenService tokens;
    private final Supplier<HttpApiHandler> api;

    DevGroupEndpoint(TokenService tokens, Supplier<HttpApiHandler> api) {
        this.tokens = tokens;
        this.api = api;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("POST") && path.equals(PATH);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        Optional<String> header = call.header("Authorization").filter(value -> value.startsWith("Bearer "));
        if (header.isEmpty()) {
            return Json.error(401, 31004, "send the user's token as Authorization: Bearer <token>");
        }
        String creator;
        try {
            creator = tokens.verify(header.get().substring("Bearer ".length()).trim()).userId();
        } catch (ImException e) {
            return Json.error(401, 31004, "the token is not valid");
        }
        JsonNode body = Json.parseObject(call.body());
        String name = body.path("name").asText("").trim();
        if (name.isEmpty() || name.length() > 128) {
            throw ImException.invalidParameter("name is required (at most 128 characters)");
        }
        Set<String> members = new LinkedHashSet<>();
        members.add(creator); // first: the group's Create notice names them as its operator
        for (JsonNode member : body.path("memberIds")) {
            members.add(UserId.of(member.asText("").trim()).value());
        }
        if (members.size() > MAX_MEMBERS) {
            throw ImException.invalidParameter("at most " + MAX_MEMBERS + " members");
        }
        String groupId = "g-" + HexFormat.of().formatHex(randomBytes());
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("userId", List.copyOf(members));
        form.put("groupId", List.of(groupId));
        form.put("groupName", List.of(name));
        Object memberCount = api.get().callRoute(new ApiRequest("/group/create.json", form, Optional.empty()))
                .fields().get("memberCount");
        return Json.answer(200, Map.of("code", 200, "groupId", groupId, "name", name, "memberCount", memberCount));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
