package io.parley.api.route;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import java.util.Map;

/** Reads the fields client commands share from a command's body ({@link ClientCommand#handle}), with one error each. */
public final class CommandBodies {
    private CommandBodies() {
    }

    /** {@code conversationType}, as RongCloud's number; 33006 when it is missing or no type has it. */
    public static ConversationType conversationType(Map<String, Object> body) {
        Object code = body.get("conversationType");
        return ConversationType.ofCode(code instanceof Number number ? number.longValue() : -1);
    }

    /** A non-empty string field; 1002 naming it otherwise. */
    public static String requiredString(Map<String, Object> body, String name) {
        if (!(body.get(name) instanceof String value) || value.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        return value;
    }
}
