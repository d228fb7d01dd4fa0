package io.parley.builtin.expansion;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RongCloud's limits on message expansion: keys of at most 32 characters from {@code [A-Za-z0-9+=-_]}, values
 * of at most 4096 characters, at most 20 keys per device call and 100 per server-API call, at most 300 keys
 * per message.
 */
public final class ExpansionLimits {
    public static final int MAX_KEYS_PER_MESSAGE = 300;
    public static final int MAX_KEYS_PER_CLIENT_CALL = 20;
    public static final int MAX_KEYS_PER_API_CALL = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+=\\-_]{1,32}");
    private static final int MAX_VALUE_LENGTH = 4096;

    private ExpansionLimits() {
    }

    public static void checkSet(Map<String, String> values, int maxPerCall) {
        if (values.isEmpty()) {
            throw ImException.invalidParameter("no expansion keys given");
        }
        checkCount(values.size(), maxPerCall);
        values.forEach((key, value) -> {
            checkKey(key);
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw new ImException(StandardErrorCode.LENGTH_EXCEEDED,
                        "expansion value of " + key + " must be at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
    }

    public static void checkKeys(Collection<String> keys, int maxPerCall) {
        if (keys.isEmpty()) {
            throw ImException.invalidParameter("no expansion keys given");
        }
        checkCount(keys.size(), maxPerCall);
        keys.forEach(ExpansionLimits::checkKey);
    }

    private static void checkCount(int count, int maxPerCall) {
        if (count > maxPerCall) {
            throw new ImException(StandardErrorCode.QUANTITY_OVER_LIMIT,
                    "at most " + maxPerCall + " expansion keys per call");
        }
    }

    private static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ImException.invalidParameter("expansion key '" + key + "' must be 1 to 32 of A-Z a-z 0-9 + = - _");
        }
    }
}
