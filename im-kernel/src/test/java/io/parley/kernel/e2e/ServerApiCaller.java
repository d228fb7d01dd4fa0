package io.parley.kernel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.kernel.http.SignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Calls the server API the way RongCloud's SDKs do: signed form POSTs. */
final class ServerApiCaller {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String appKey;
    private final String secret;

    ServerApiCaller(int port, String appKey, String secret) {
        this.port = port;
        this.appKey = appKey;
        this.secret = secret;
    }

    Answer post(String path, String... keyValues) throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < keyValues.length; i += 2) {
            form.add(URLEncoder.encode(keyValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return postRaw(path, form.toString(), secret);
    }

    Answer postRaw(String path, String body, String signingSecret) throws IOException, InterruptedException {
        String nonce = String.valueOf(Math.random() * 1_000_000);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("App-Key", appKey).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", SignatureVerifier.sign(signingSecret, nonce, timestamp))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    String token(String userId) throws IOException, InterruptedException {
        Answer answer = post("/user/getToken.json", "userId", userId, "name", userId);
        if (answer.code() != 200) {
            throw new IllegalStateException("getToken failed: " + answer.body());
        }
        return answer.body().get("token").asText();
    }
}
