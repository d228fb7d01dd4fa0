package io.parley.starter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.kernel.http.HttpAnswer;
import java.io.IOException;
import java.util.Map;

/** JSON in and out for the web endpoints: bodies are objects, answers carry a numeric {@code code}. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static HttpAnswer answer(int status, Object value) {
        try {
            return HttpAnswer.of(status, HttpAnswer.JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static HttpAnswer error(int status, int code, String message) {
        return answer(status, Map.of("code", code, "message", message));
    }

    static JsonNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ImException.invalidParameter("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ImException.invalidParameter("the body is not JSON: " + e.getMessage());
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    static byte[] write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsBytes(value);
    }
}
