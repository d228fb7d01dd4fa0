package io.parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Parley's signed server API, as the load generator uses it: {@code /user/getToken.json},
 * {@code /group/create.json}, {@code /group/join.json}, {@code /chatroom/create_new.json}. Signature =
 * sha1(secret + nonce + timestamp). Thread-safe.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String appKey;
    private final String appSecret;

    public ApiClient(String baseUrl, String appKey, String appSecret) {
        this.baseUrl = baseUrl;
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    /** Posts a signed form of {@code key, value, key, value…}; the answer must have code 200. */
    public JsonNode post(String path, List<String> keyValues) throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i + 1 < keyValues.size(); i += 2) {
            form.add(URLEncoder.encode(keyValues.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keyValues.get(i + 1), StandardCharsets.UTF_8));
        }
        String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("App-Key", appKey).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", sign(appSecret + nonce + timestamp))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (body.path("code").asInt() != 200) {
            throw new IOException(path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return body;
    }

    /** A token for {@code userId} (registering the user). */
    public String token(String userId) throws IOException, InterruptedException {
        return post("/user/getToken.json", List.of("userId", userId, "name", userId)).get("token").asText();
    }

    private static String sign(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
