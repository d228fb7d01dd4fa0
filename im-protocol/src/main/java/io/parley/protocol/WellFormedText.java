package io.parley.protocol;

import io.parley.api.error.StandardErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Refuses a decoded body that holds a string which is not Unicode text: one with an unpaired surrogate, which a
 * CBOR text string gets from bytes that are not UTF-8 and a JSON text from an escape such as {@code "\ud800"}.
 * The server could not pass such a string on as it came (the CBOR encoder fails on it, a WebSocket text frame
 * changes it), so it is a malformed body (33001), refused before anything stores or relays it.
 */
final class WellFormedText {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor).toArray(Method[]::new);
        }
    };

    private WellFormedText() {
    }

    static void require(Command command, Object body) {
        String path = illFormedPath(body);
        if (path != null) {
            throw new ProtocolException(StandardErrorCode.MALFORMED_FRAME, "the body of " + command
                    + " holds text that is not Unicode (an unpaired surrogate) at "
                    + (path.isEmpty() ? "its root" : path));
        }
    }

    /** Where the first ill-formed string in {@code value} is ({@code ""} for {@code value} itself), or null. */
    private static String illFormedPath(Object value) {
        if (value instanceof String text) {
            return isWellFormed(text) ? null : "";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (illFormedPath(entry.getKey()) != null) {
                    return "(a key)";
                }
                String inside = illFormedPath(entry.getValue());
                if (inside != null) {
                    return join(String.valueOf(entry.getKey()), inside);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String inside = illFormedPath(list.get(i));
                if (inside != null) {
                    return join("[" + i + "]", inside);
                }
            }
        } else if (value instanceof Record record) {
            for (Method accessor : ACCESSORS.get(record.getClass())) {
                String inside = illFormedPath(component(accessor, record));
                if (inside != null) {
                    return join(accessor.getName(), inside);
                }
            }
        }
        return null;
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Object component(Method accessor, Record record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    private static String join(String name, String inside) {
        return inside.isEmpty() ? name : name + (inside.startsWith("[") ? "" : ".") + inside;
    }
}
