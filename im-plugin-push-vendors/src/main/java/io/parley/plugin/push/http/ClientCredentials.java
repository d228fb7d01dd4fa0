package io.parley.plugin.push.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.plugin.push.spi.PushOutcome;
import io.parley.plugin.push.spi.PushOutcome.Kind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * OAuth2 client credentials (Huawei, Honor): {@code POST <url>} with the form
 * {@code grant_type=client_credentials&client_id=…&client_secret=…}, answered by {@code access_token} and
 * {@code expires_in}. A 4xx answer is a configuration error; anything else failing is transient.
 */
public final class ClientCredentials {
    private ClientCredentials() {
    }

    public static CompletionStage<CachedToken.Minted> mint(HttpClient http, String url, String clientId,
            String clientSecret, Duration timeout) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return http.sendAsync(VendorHttp.post(url, timeout).header("Content-Type", VendorHttp.FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(VendorHttp.form(form))).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    JsonNode body = VendorHttp.parse(response.body());
                    String token = body.path("access_token").asText("");
                    if (response.statusCode() == 200 && !token.isEmpty()) {
                        return new CachedToken.Minted(token, Duration.ofSeconds(body.path("expires_in").asLong(3600)));
                    }
                    Kind kind = response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429
                            ? Kind.CONFIG_ERROR : Kind.TRANSIENT;
                    throw new VendorAuthException(PushOutcome.of(kind, "token endpoint: HTTP " + response.statusCode()
                            + " " + body.path("error").asText("") + " " + body.path("error_description").asText("")));
                });
    }
}
