package io.parley.api.model;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An app's own user id, as the app server passes it to {@code /user/getToken.json}: at most 64 bytes of
 * letters, digits and {@code + | = - _}. Parley keeps no user system of its own; this id is the identity.
 */
public record UserId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9+|=\\-_]+");
    public static final int MAX_BYTES = 64;

    public UserId {
        requireNonNull(value, "value is null");
        if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ImException.invalidParameter("userId must be 1 to " + MAX_BYTES + " bytes: '" + value + "'");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw ImException.invalidParameter("userId may hold letters, digits and + | = - _ only: '" + value + "'");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
