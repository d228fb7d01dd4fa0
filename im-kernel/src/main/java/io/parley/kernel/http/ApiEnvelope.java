package io.parley.kernel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RongCloud's response envelope: always a JSON object with a numeric {@code code}; 200 for success with the
 * endpoint's fields beside it, else {@code errorMessage}, with an HTTP status that fits the error.
 */
public final class ApiEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiEnvelope() {
    }

    public static byte[] success(ApiResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 200);
        body.putAll(response.fields());
        return write(body);
    }

    public static byte[] error(ImException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("errorMessage", error.getMessage());
        return write(body);
    }

    /** A JSON object of the given fields, in their order: for answers outside the envelope (health). */
    public static byte[] object(Map<String, Object> fields) {
        return write(fields);
    }

    public static HttpResponseStatus status(ErrorCode code) {
        if (code == StandardErrorCode.SIGNATURE_ERROR || code == StandardErrorCode.UNKNOWN_APP_KEY) {
            return HttpResponseStatus.UNAUTHORIZED;
        }
        if (code == StandardErrorCode.REQUEST_TOO_LARGE) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        if (code == StandardErrorCode.RATE_LIMITED || code == StandardErrorCode.SEND_FREQUENCY_TOO_FAST) {
            return HttpResponseStatus.TOO_MANY_REQUESTS;
        }
        if (code == StandardErrorCode.GROUP_FULL) {
            return HttpResponseStatus.METHOD_NOT_ALLOWED;
        }
        if (code == StandardErrorCode.NOT_FOUND) {
            return HttpResponseStatus.NOT_FOUND;
        }
        if (code == StandardErrorCode.SERVICE_NOT_ENABLED) {
            return HttpResponseStatus.FORBIDDEN;
        }
        if (code == StandardErrorCode.SERVER_UNAVAILABLE || code == StandardErrorCode.STORAGE_UNAVAILABLE) {
            // a retry later may well succeed (the storage's disk full or its database away), unlike after a bug
            return HttpResponseStatus.SERVICE_UNAVAILABLE;
        }
        return code.type() == ErrorType.USER_ERROR ? HttpResponseStatus.BAD_REQUEST
                : code.type() == ErrorType.INSUFFICIENT_RESOURCES ? HttpResponseStatus.TOO_MANY_REQUESTS
                : HttpResponseStatus.INTERNAL_SERVER_ERROR;
    }

    private static byte[] write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a server-API response", e);
        }
    }
}
