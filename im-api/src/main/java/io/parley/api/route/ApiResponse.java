package io.parley.api.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful server-API answer: the kernel sends {@code {"code":200, …fields}} with HTTP 200. Field values
 * are strings, numbers, booleans, lists and maps, serialised as JSON with their exact types (some SDKs
 * decode strictly). Errors are thrown as {@code ImException} instead.
 */
public record ApiResponse(Map<String, Object> fields) {
    public ApiResponse {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ApiResponse ok() {
        return new ApiResponse(Map.of());
    }

    public static ApiResponse of(String key, Object value) {
        return new ApiResponse(Map.of(key, value));
    }

    public static ApiResponse of(String k1, Object v1, String k2, Object v2) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return new ApiResponse(map);
    }
}
