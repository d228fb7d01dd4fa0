package io.parley.api.route;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, already authenticated server-API request. Form parameters follow RongCloud's rules: repeated
 * keys are kept in order, and an empty value counts as absent.
 *
 * @param params every form or query parameter, each with all its values
 * @param jsonBody the body when it was {@code application/json}, else empty
 */
public record ApiRequest(String path, Map<String, List<String>> params, Optional<String> jsonBody) {
    public ApiRequest {
        params = Map.copyOf(params);
    }

    /** The first non-empty value of {@code name}. */
    public Optional<String> optional(String name) {
        List<String> values = params.getOrDefault(name, List.of());
        return values.stream().filter(value -> !value.isEmpty()).findFirst();
    }

    /** The first non-empty value of {@code name}; a 1002 error naming it when it is missing. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> ImException.invalidParameter(name + " is required"));
    }

    /** Every value of a multi-valued parameter: repeated keys, each split on commas, empty parts dropped. */
    public List<String> list(String name) {
        List<String> result = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        }
        return result;
    }

    /** {@code conversationType}, as RongCloud's number; 1002 when missing, 33006 when no type has it. */
    public ConversationType conversationType() {
        return ConversationType.ofCode(requiredLong("conversationType"));
    }

    /**
     * User ids of a multi-valued parameter (repeated or comma-joined), each checked as a user id, at least one and at
     * most {@code max}; 1002 naming {@code name} otherwise.
     */
    public List<String> userIds(String name, int max) {
        List<String> ids = list(name);
        if (ids.isEmpty()) {
            throw ImException.invalidParameter(name + " is required");
        }
        if (ids.size() > max) {
            throw ImException.invalidParameter("at most " + max + " " + name + " values per call");
        }
        ids.forEach(UserId::of);
        return ids;
    }

    /** A boolean given as {@code true/false} or {@code 1/0}. */
    public boolean bool(String name, boolean defaultValue) {
        return optional(name).map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw ImException.invalidParameter(name + " must be 0, 1, true or false");
        }).orElse(defaultValue);
    }

    public long longValue(String name, long defaultValue) {
        return optional(name).map(value -> parseLong(name, value)).orElse(defaultValue);
    }

    public long requiredLong(String name) {
        return parseLong(name, required(name));
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ImException.invalidParameter(name + " must be a number");
        }
    }
}
