package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void successPutsCode200FirstAndKeepsExactJsonTypes() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userId", "u1");
        fields.put("count", 3);
        fields.put("big", 1_408_710_653_000L);
        fields.put("online", true);
        fields.put("ids", List.of("a", "b"));
        fields.put("numericString", "42");

        byte[] body = ApiEnvelope.success(new ApiResponse(fields));

        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"code\":200,");
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("code").isInt()).isTrue();
        assertThat(json.get("userId").isTextual()).isTrue();
        assertThat(json.get("count").isIntegralNumber()).isTrue();
        assertThat(json.get("big").asLong()).isEqualTo(1_408_710_653_000L);
        assertThat(json.get("online").isBoolean()).isTrue();
        assertThat(json.get("ids").isArray()).isTrue();
        assertThat(json.get("numericString").isTextual()).isTrue();
        assertThat(text).contains("\"count\":3", "\"online\":true", "\"ids\":[\"a\",\"b\"]", "\"numericString\":\"42\"");
    }

    @Test
    void emptySuccessIsJustTheCode() {
        assertThat(new String(ApiEnvelope.success(ApiResponse.ok()), StandardCharsets.UTF_8)).isEqualTo("{\"code\":200}");
    }

    @Test
    void errorHasCodeAndErrorMessage() throws IOException {
        byte[] body = ApiEnvelope.error(new ImException(StandardErrorCode.SIGNATURE_ERROR, "signature mismatch"));

        JsonNode json = JSON.readTree(body);
        assertThat(json.get("code").isInt()).isTrue();
        assertThat(json.get("code").intValue()).isEqualTo(1004);
        assertThat(json.get("errorMessage").textValue()).isEqualTo("signature mismatch");
        assertThat(json.size()).isEqualTo(2);
    }

    @Test
    void statusFitsTheError() {
        assertThat(ApiEnvelope.status(StandardErrorCode.SIGNATURE_ERROR)).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(ApiEnvelope.status(StandardErrorCode.UNKNOWN_APP_KEY)).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(ApiEnvelope.status(StandardErrorCode.REQUEST_TOO_LARGE))
                .isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(ApiEnvelope.status(StandardErrorCode.INVALID_PARAMETER)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(ApiEnvelope.status(StandardErrorCode.NOT_FOUND)).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(ApiEnvelope.status(StandardErrorCode.INTERNAL_ERROR))
                .isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        assertThat(ApiEnvelope.status(StandardErrorCode.STORAGE_UNAVAILABLE)).as("a full disk: retry later")
                .isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
}
