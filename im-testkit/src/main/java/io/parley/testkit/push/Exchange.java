package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request as a fake vendor sees it, whatever server carried it; answered once. */
public abstract class Exchange {
    private static final ObjectMapper JSON = new ObjectMapper();

    public abstract String method();

    public abstract String path();

    /** A request header (case-insensitive), or empty. */
    public abstract String header(String name);

    public abstract String body();

    public abstract void respond(int status, String body, Map<String, String> headers) throws IOException;

    public void respond(int status, String body) throws IOException {
        respond(status, body, Map.of());
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body());
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + body(), e);
        }
    }

    /** The form fields, decoded, in order; a repeated key keeps its last value. */
    public Map<String, String> form() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body().isEmpty()) {
            return fields;
        }
        for (String pair : body().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }
}
