package io.parley.builtin.expansion;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.route.CommandBodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client commands for expansion: {@code message.expansion.set {conversationType, targetId, messageUid, values}},
 * {@code message.expansion.delete {…, keys}} and {@code message.expansion.query {conversationType, targetId,
 * messageUid}} → {@code {values: {key: {v, ts}}}}. The caller must take part in the conversation.
 */
final class ExpansionCommands {
    private final ExpansionService expansions;

    ExpansionCommands(ExpansionService expansions) {
        this.expansions = expansions;
    }

    List<ClientCommand> commands() {
        return List.of(new FunctionCommand("message.expansion.set", (caller, body) -> {
            Map<String, String> values = new LinkedHashMap<>();
            if (!(body.get("values") instanceof Map<?, ?> given)) {
                throw ImException.invalidParameter("values must be an object of strings");
            }
            given.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
            return Map.of("values", expansions.set(caller.userId(), type(body), target(body), uid(body), values,
                    false, true));
        }), new FunctionCommand("message.expansion.delete", (caller, body) -> {
            if (!(body.get("keys") instanceof List<?> keys)) {
                throw ImException.invalidParameter("keys must be a list of strings");
            }
            expansions.delete(caller.userId(), type(body), target(body), uid(body),
                    keys.stream().map(String::valueOf).toList(), false, true);
            return Map.of();
        }), new FunctionCommand("message.expansion.query", (caller, body) -> {
            expansions.storedMessage(caller.userId(), type(body), target(body), uid(body), true);
            return Map.of("values", expansions.query(uid(body)));
        }));
    }

    private static ConversationType type(Map<String, Object> body) {
        return CommandBodies.conversationType(body);
    }

    private static String target(Map<String, Object> body) {
        return CommandBodies.requiredString(body, "targetId");
    }

    private static String uid(Map<String, Object> body) {
        return CommandBodies.requiredString(body, "messageUid");
    }
}
