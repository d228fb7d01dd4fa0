package io.parley.api.route;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * A list field of 1 to {@code max} non-empty string ids, without repeats, in the order given; 1002 naming it when
     * it is missing, empty, too long or holds anything else.
     */
    public static Set<String> ids(Map<String, Object> body, String name, int max) {
        if (!(body.get(name) instanceof List<?> list) || list.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (list.size() > max) {
            throw ImException.invalidParameter("at most " + max + " " + name + " per call");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object id : list) {
            if (!(id instanceof String value) || value.isEmpty()) {
                throw ImException.invalidParameter(name + " must be a list of ids");
            }
            ids.add(value);
        }
        return ids;
    }
}
