package io.parley.starter.web;

import static io.parley.starter.web.ConsoleAction.Param.now;
import static io.parley.starter.web.ConsoleAction.Param.optional;
import static io.parley.starter.web.ConsoleAction.Param.required;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.kernel.http.HttpApiHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's actions ({@link #CATALOGUE}) and how one runs: through the server-API route that carries it out
 * ({@link HttpApiHandler#callRoute}: the plugins' guards and the route, as a signed call), and, when it changes
 * something, into the {@link ConsoleAuditLog} with who, what, when, from where and how it ended. An action whose route
 * this server does not serve (its plugin is not loaded, or routing is off) is not offered. Blocks on the route and on
 * storage: call it on a worker. Thread-safe.
 */
final class ConsoleActions {
    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    /** Every action the console knows, in the order the page shows them. */
    static final List<ConsoleAction> CATALOGUE = List.of(
            new ConsoleAction("kick", "Kick device", "/user/kick.json",
                    List.of(required("userId", "User id"), optional("deviceId", "Device id (all devices when empty)")),
                    true, "user"),
            new ConsoleAction("block", "Block user", "/user/block.json",
                    List.of(required("userId", "User id"), required("minute", "Minutes")), true, "user"),
            new ConsoleAction("unblock", "Unblock user", "/user/unblock.json",
                    List.of(required("userId", "User id")), true, "user"),
            new ConsoleAction("expire-tokens", "Expire tokens", "/user/token/expire.json",
                    List.of(required("userId", "User id"), now("time", "Tokens issued before (epoch ms; now when empty)")),
                    true, "user"),
            new ConsoleAction("recall", "Recall a message", "/message/recall.json",
                    List.of(required("conversationType", "Conversation type (1 private, 3 group, 10 ultragroup)"),
                            required("fromUserId", "Sender"), required("targetId", "Conversation target id"),
                            required("messageUID", "Message UID"), optional("sentTime", "Sent time (epoch ms)"),
                            optional("isAdmin", "As an admin (1)"), optional("isDelete", "Delete for everyone (1)")),
                    true, "message"),
            new ConsoleAction("system-message", "Send a system message", "/message/system/publish.json",
                    List.of(required("fromUserId", "From"), required("toUserId", "To (user ids, comma separated)"),
                            required("objectName", "Message type"), required("content", "Content (JSON)"),
                            optional("pushContent", "Push text")), true, "message"),
            new ConsoleAction("broadcast", "Send a broadcast", "/message/broadcast.json",
                    List.of(required("fromUserId", "From"), required("objectName", "Message type"),
                            required("content", "Content (JSON)"), optional("pushContent", "Push text")),
                    true, "message"),
            new ConsoleAction("sensitive-words", "List sensitive words", "/sensitiveword/list.json",
                    List.of(optional("type", "Type (0 replace, 1 block, 2 all)")), false, "words"),
            new ConsoleAction("sensitive-word-add", "Add a sensitive word", "/sensitiveword/add.json",
                    List.of(required("word", "Word"), optional("replaceWord", "Replace with (blocks when empty)")),
                    true, "words"),
            new ConsoleAction("sensitive-word-delete", "Delete a sensitive word", "/sensitiveword/delete.json",
                    List.of(required("word", "Word")), true, "words"),
            new ConsoleAction("chatroom-query", "Look up chatrooms", "/chatroom/query.json",
                    List.of(required("chatroomId", "Chatroom ids, comma separated")), false, "chatroom"),
            new ConsoleAction("chatroom-keepalive", "Keep-alive chatrooms", "/chatroom/keepalive/query.json",
                    List.of(), false, "chatroom"),
            new ConsoleAction("chatroom-members", "Chatroom members", "/chatroom/user/query.json",
                    List.of(required("chatroomId", "Chatroom id"), optional("count", "How many (at most 500)"),
                            optional("order", "1 oldest first, 2 newest first")), false, "chatroom"),
            new ConsoleAction("chatroom-blocked", "Users blocked from a chatroom", "/chatroom/user/block/list.json",
                    List.of(required("chatroomId", "Chatroom id")), false, "chatroom"),
            new ConsoleAction("chatroom-block", "Block users from a chatroom", "/chatroom/user/block/add.json",
                    List.of(required("chatroomId", "Chatroom id"), required("userId", "User ids, comma separated"),
                            required("minute", "Minutes")), true, "chatroom"),
            new ConsoleAction("chatroom-unblock", "Unblock users in a chatroom", "/chatroom/user/block/rollback.json",
                    List.of(required("chatroomId", "Chatroom id"), required("userId", "User ids, comma separated")),
                    true, "chatroom"),
            new ConsoleAction("chatroom-create", "Create a chatroom", "/chatroom/create_new.json",
                    List.of(required("chatroomId", "Chatroom id")), true, "chatroom"),
            new ConsoleAction("chatroom-destroy", "Destroy chatrooms", "/chatroom/destroy.json",
                    List.of(required("chatroomId", "Chatroom ids, comma separated")), true, "chatroom"),
            new ConsoleAction("ultragroup-create", "Create an ultragroup", "/ultragroup/create.json",
                    List.of(required("groupId", "Ultragroup id"), required("userId", "Owner"),
                            optional("groupName", "Name")), true, "ultragroup"),
            new ConsoleAction("ultragroup-dismiss", "Dismiss an ultragroup", "/ultragroup/dis.json",
                    List.of(required("groupId", "Ultragroup id")), true, "ultragroup"),
            new ConsoleAction("ultragroup-channels", "Ultragroup channels", "/ultragroup/channel/get.json",
                    List.of(required("groupId", "Ultragroup id")), false, "ultragroup"),
            new ConsoleAction("ultragroup-muted", "Muted in an ultragroup", "/ultragroup/userbanned/get.json",
                    List.of(required("groupId", "Ultragroup id"), optional("busChannel", "Channel"),
                            optional("page", "Page"), optional("pageSize", "Page size")), false, "ultragroup"),
            new ConsoleAction("ultragroup-join", "Add a member to an ultragroup", "/ultragroup/join.json",
                    List.of(required("groupId", "Ultragroup id"), required("userId", "User id")), true, "ultragroup"),
            new ConsoleAction("ultragroup-quit", "Remove a member from an ultragroup", "/ultragroup/quit.json",
                    List.of(required("groupId", "Ultragroup id"), required("userId", "User id")), true, "ultragroup"));

    /** What running an action answered: the route's fields, or the error it threw (already audited). */
    record Outcome(Map<String, Object> fields) {
    }

    private final Supplier<HttpApiHandler> routes;
    private final ConsoleAuditLog audit;
    private final String consoleUser;
    private final LongSupplier clock;

    /** @param routes the server API; looked up on first use, since the console is mounted before it is built */
    ConsoleActions(Supplier<HttpApiHandler> routes, ConsoleAuditLog audit, String consoleUser, LongSupplier clock) {
        this.routes = routes;
        this.audit = audit;
        this.consoleUser = consoleUser;
        this.clock = clock;
    }

    /** The actions this server can run: those whose route it serves. */
    List<ConsoleAction> available() {
        HttpApiHandler api = routes.get();
        return CATALOGUE.stream().filter(action -> api.servesRoute(action.route())).toList();
    }

    /**
     * Runs action {@code name} with the parameters the page sent, for a console user at {@code clientIp}. A change is
     * audited whatever its outcome; a bad parameter or an unknown action is refused before anything runs (and is not
     * audited: nothing was done). Throws the route's ImException when it fails.
     */
    ApiResponse run(String name, Map<String, String> given, String clientIp) {
        ConsoleAction action = available().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> ImException.invalidParameter("no such console action: " + name));
        long now = clock.getAsLong();
        Map<String, List<String>> form = action.formParameters(given, now);
        String outcome = "ok";
        try {
            return routes.get().callRoute(new ApiRequest(action.route(), form, Optional.empty()));
        } catch (ImException e) {
            outcome = "error " + e.code() + ": " + e.getMessage();
            throw e;
        } catch (RuntimeException e) {
            outcome = "error: " + e;
            throw e;
        } finally {
            if (action.changes()) {
                Map<String, String> params = new LinkedHashMap<>();
                form.forEach((key, values) -> params.put(key, String.join(",", values)));
                audit.append(new ConsoleAuditLog.Entry(now, consoleUser, clientIp, action.name(), action.route(),
                        params, outcome));
                log.info("console: {} from {} ran {} {} ({})", consoleUser, clientIp, action.name(), params, outcome);
            }
        }
    }

    /** Calls a look-up route with these parameters; the route's answer, or empty when it refused (an unknown id). */
    Optional<Map<String, Object>> lookUp(String route, Map<String, List<String>> form) {
        return lookUp(route, form, Optional.empty());
    }

    /** Calls a look-up route that takes a JSON body; the route's answer, or empty when it refused. */
    Optional<Map<String, Object>> lookUp(String route, Map<String, List<String>> form, Optional<String> jsonBody) {
        HttpApiHandler api = routes.get();
        if (!api.servesRoute(route)) {
            return Optional.empty();
        }
        try {
            return Optional.of(api.callRoute(new ApiRequest(route, form, jsonBody)).fields());
        } catch (ImException e) {
            return Optional.empty();
        }
    }
}
