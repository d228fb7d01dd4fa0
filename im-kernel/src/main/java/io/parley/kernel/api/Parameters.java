package io.parley.kernel.api;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import java.util.List;
import java.util.Map;

/** Reads the parameters kernel endpoints and client commands share, with the same errors everywhere. */
public final class Parameters {
    private Parameters() {
    }

    /** {@code conversationType} of a server-API request, as RongCloud's number. */
    public static ConversationType conversationType(ApiRequest request) {
        return conversationType(request.requiredLong("conversationType"));
    }

    /** {@code conversationType} of a client command's body, as RongCloud's number. */
    public static ConversationType conversationType(Map<String, Object> body) {
        Object code = body.get("conversationType");
        return conversationType(code instanceof Number number ? number.longValue() : -1);
    }

    /**
     * Ids of a multi-valued server-API parameter (repeated or comma-joined), checked as user ids, at least one and at
     * most {@code max}.
     */
    public static List<String> userIds(ApiRequest request, String name, int max) {
        List<String> ids = request.list(name);
        if (ids.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (ids.size() > max) {
            throw ImException.invalidParameter("at most " + max + " " + name + " values per call");
        }
        ids.forEach(UserId::of);
        return ids;
    }

    /** A non-empty string field of a client command's body. */
    public static String requiredString(Map<String, Object> body, String name) {
        if (!(body.get(name) instanceof String value) || value.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        return value;
    }

    private static ConversationType conversationType(long code) {
        return ConversationType.fromCode((int) code).orElseThrow(() -> new ImException(
                StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE, "unknown conversationType " + code));
    }
}
