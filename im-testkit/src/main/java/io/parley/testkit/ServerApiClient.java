package io.parley.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.rongcloud.RongCloudSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Calls a Parley server API the way RongCloud's SDKs do: form POSTs signed with App-Key, Nonce, Timestamp
 * (seconds) and Signature = sha1(secret + nonce + timestamp). For tests that need to see raw statuses and
 * bodies; tests of compatibility use RongCloud's own SDK instead.
 */
public final class ServerApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP status and the JSON body. */
    public record Answer(int status, JsonNode body) {
        public int code() {
            return body.path("code").asInt();
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String appKey;
    private final String appSecret;

    public ServerApiClient(String baseUrl, String appKey, String appSecret) {
        this(baseUrl, appKey, appSecret, HttpClient.newHttpClient());
    }

    /** A client calling through {@code http} (for example one that trusts a test certificate). */
    public ServerApiClient(String baseUrl, String appKey, String appSecret, HttpClient http) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    /** The signing headers of one request: sent again, they make a replay. */
    public record Signing(String nonce, String timestamp, String signature) {
    }

    /** Posts {@code key, value, key, value…} as a signed form. */
    public Answer post(String path, String... keyValues) {
        return postSigned(path, form(keyValues), appSecret);
    }

    /** {@code key, value, key, value…} as a form body. */
    public static String form(String... keyValues) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < keyValues.length; i += 2) {
            form.add(URLEncoder.encode(keyValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** Posts a raw form body signed with {@code signingSecret} (pass a wrong one to test refusals). */
    public Answer postSigned(String path, String formBody, String signingSecret) {
        return postWith(path, formBody, sign(signingSecret, String.valueOf(Math.random() * 1_000_000)));
    }

    /** Fresh signing headers for {@code nonce}, with this second as the timestamp, as RongCloud's SDKs make them. */
    public Signing sign(String signingSecret, String nonce) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        return new Signing(nonce, timestamp, RongCloudSignature.sign(signingSecret, nonce, timestamp));
    }

    /** Fresh signing headers with this client's secret. */
    public Signing sign(String nonce) {
        return sign(appSecret, nonce);
    }

    /** Posts a raw form body with the given signing headers, exactly as they are. */
    public Answer postWith(String path, String formBody, Signing signing) {
        return send(path, formBody, "application/x-www-form-urlencoded", signing);
    }

    /** Posts a JSON body ({@code Content-Type: application/json}), signed with this client's secret. */
    public Answer postJson(String path, String json) {
        return send(path, json, "application/json", sign(String.valueOf(Math.random() * 1_000_000)));
    }

    private Answer send(String path, String body, String contentType, Signing signing) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("App-Key", appKey).header("Nonce", signing.nonce()).header("Timestamp", signing.timestamp())
                .header("Signature", signing.signature())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client token for {@code userId}, registering the user. */
    public String token(String userId) {
        Answer answer = post("/user/getToken.json", "userId", userId, "name", userId);
        if (answer.code() != 200) {
            throw new IllegalStateException("getToken failed: " + answer.body());
        }
        return answer.body().get("token").asText();
    }
}
