package io.parley.starter.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.route.ApiResponse;
import io.parley.kernel.health.HealthMonitor;
import io.parley.kernel.http.ApiEnvelope;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's operating endpoints, behind the console's login ({@link ConsoleEndpoint} checks it first):
 * <ul>
 *   <li>{@code GET /console/api/session}: the console user and the CSRF token the page sends with every action;</li>
 *   <li>{@code GET /console/api/health}: the health checks, each green, amber or red with its threshold (the same
 *       evaluation {@code /health/ready} answers from);</li>
 *   <li>{@code GET /console/api/actions}: the actions this server offers;</li>
 *   <li>{@code GET /console/api/user?userId=…}: a user's devices, block, bans, groups and mutes;</li>
 *   <li>{@code GET /console/api/conversation?type=private|group&userId=…&targetId=…}: a conversation's members,
 *       mutes and last messages;</li>
 *   <li>{@code GET /console/api/audit?limit=…}: the newest audit entries;</li>
 *   <li>{@code POST /console/api/actions/<name>} with a JSON object of parameters: runs an action.</li>
 * </ul>
 * An action is refused with 403 (code 1004) unless it carries the {@code X-Parley-Console-Token} header holding the
 * session's token (a page of another site can neither read the token nor, without a CORS preflight the console never
 * grants, send the header), its {@code Origin} (when the browser sends one) is the console's own, and its body is
 * {@code application/json}. The browser's Basic credentials alone never suffice for a change. Blocks on routes and
 * storage: called on a worker.
 */
final class ConsoleOperations {
    static final String TOKEN_HEADER = "X-Parley-Console-Token";
    static final int MAX_AUDIT_LISTED = 500;

    private final ConsoleActions actions;
    private final ConsoleUserLookup users;
    private final ConsoleConversationLookup conversations;
    private final ConsoleAuditLog audit;
    private final HealthMonitor health;
    private final String consoleUser;
    private final String csrfToken;

    /** @param csrfToken the token actions must carry, see {@link #csrfToken(String, Optional)} */
    ConsoleOperations(ConsoleActions actions, ConsoleUserLookup users, ConsoleConversationLookup conversations,
            ConsoleAuditLog audit, HealthMonitor health, String consoleUser, String csrfToken) {
        this.actions = actions;
        this.users = users;
        this.conversations = conversations;
        this.audit = audit;
        this.health = health;
        this.consoleUser = consoleUser;
        this.csrfToken = csrfToken;
    }

    /**
     * The token actions must carry: an HMAC-SHA256 keyed with the console's password, so that every node of a
     * cluster (behind one load balancer) and a restarted server give the page the same one, and nobody without the
     * password can make it; random when the console is off.
     */
    static String csrfToken(String consoleUser, Optional<String> consolePassword) {
        if (consolePassword.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(consolePassword.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("parley-console-csrf:" + consoleUser)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256", e);
        }
    }

    /** Answers {@code rest} (the path after {@code /console}) if it is one of these endpoints. */
    Optional<HttpAnswer> answer(String rest, HttpCall call) {
        try {
            return Optional.ofNullable(route(rest, call)).map(answer -> answer.withHeader("Cache-Control", "no-store"));
        } catch (ImException e) {
            // the HTTP status the server API gives the same error (400 for a bad parameter, 404, 503 …)
            int status = ApiEnvelope.status(e.errorCode()).code();
            return Optional.of(Json.error(status, e.code(), e.getMessage()).withHeader("Cache-Control", "no-store"));
        }
    }

    private HttpAnswer route(String rest, HttpCall call) {
        boolean post = call.method().equals("POST");
        if (post && rest.startsWith("/api/actions/")) {
            return runAction(rest.substring("/api/actions/".length()), call);
        }
        if (post) {
            return Json.error(405, 1002, "only actions are posted: POST /console/api/actions/<name>");
        }
        return switch (rest) {
            case "/api/session" -> Json.answer(200, Map.of("code", 200, "user", consoleUser, "csrfToken", csrfToken));
            case "/api/health" -> Json.answer(200, withCode(health.evaluate().toJson()));
            case "/api/actions" -> Json.answer(200, Map.of("code", 200,
                    "actions", actions.available().stream().map(ConsoleAction::describe).toList()));
            case "/api/user" -> Json.answer(200, users.lookUp(call.queryParameter("userId")
                    .orElseThrow(() -> ImException.invalidParameter("userId is required"))));
            case "/api/conversation" -> Json.answer(200, conversations.lookUp(call.queryParameter("type").orElse("private"),
                    call.queryParameter("userId").orElseThrow(() -> ImException.invalidParameter("userId is required")),
                    call.queryParameter("targetId").orElse("")));
            case "/api/audit" -> Json.answer(200, Map.of("code", 200, "entries", audit.newest(limit(call))));
            default -> null;
        };
    }

    private HttpAnswer runAction(String name, HttpCall call) {
        Optional<String> refused = refusal(call);
        if (refused.isPresent()) {
            return Json.error(403, 1004, refused.get());
        }
        Map<String, String> given = parameters(Json.parseObject(call.body()));
        ApiResponse response = actions.run(name, given, call.clientIp());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", 200);
        json.put("action", name);
        json.put("result", response.fields());
        return Json.answer(200, json);
    }

    /** Why a posted action is refused as a possible cross-site request, if it is. */
    private Optional<String> refusal(HttpCall call) {
        byte[] given = call.header(TOKEN_HEADER).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, csrfToken.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("an action needs the " + TOKEN_HEADER + " header holding the token of "
                    + "GET /console/api/session");
        }
        Optional<String> origin = call.header("Origin");
        Optional<String> host = call.header("Host");
        if (origin.isPresent() && !sameOrigin(origin.get(), host.orElse(""))) {
            return Optional.of("an action must come from the console's own page, not from " + origin.get());
        }
        String contentType = call.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            return Optional.of("an action's body must be application/json");
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The parameters of a posted action: a JSON object whose values are strings, numbers or booleans. */
    private static Map<String, String> parameters(JsonNode body) {
        Map<String, String> given = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw ImException.invalidParameter(field.getKey() + " must be a string, a number or a boolean");
            }
            given.put(field.getKey(), value.asText());
        }
        return given;
    }

    private static int limit(HttpCall call) {
        String value = call.queryParameter("limit").orElse("100");
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > MAX_AUDIT_LISTED) {
                throw ImException.invalidParameter("limit must be 1 to " + MAX_AUDIT_LISTED);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ImException.invalidParameter("limit must be a number: " + value);
        }
    }

    private static Map<String, Object> withCode(Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", 200);
        json.putAll(fields);
        return json;
    }
}
