package io.parley.plugin.push.vendor.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.vendor.VendorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code push.fcm.*}: {@code service-account-file}, the path of the service account's JSON (required; the key
 * stays in that file rather than in the config, which is logged); {@code endpoint} (default
 * {@code https://fcm.googleapis.com}); {@code timeout} (10s). The token endpoint is the account's
 * {@code token_uri}, as Google's own libraries do.
 */
public record FcmConfig(String projectId, String clientEmail, String privateKeyPem, String privateKeyId,
        String tokenUri, String endpoint, Duration timeout) {
    public static final String DEFAULT_ENDPOINT = "https://fcm.googleapis.com";
    public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    public static FcmConfig from(PluginConfig config) {
        String file = VendorSettings.require(config, "fcm", "service-account-file");
        String json;
        try {
            json = Files.readString(Path.of(file));
        } catch (IOException e) {
            throw ImException.invalidParameter("push.fcm.service-account-file cannot be read: " + e.getMessage());
        }
        return fromServiceAccount(json, config.get("endpoint", DEFAULT_ENDPOINT),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }

    public static FcmConfig fromServiceAccount(String json, String endpoint, Duration timeout) {
        JsonNode account = VendorHttp.parse(json);
        for (String field : new String[] {"project_id", "client_email", "private_key"}) {
            if (account.path(field).asText("").isEmpty()) {
                throw ImException.invalidParameter("the FCM service account has no " + field);
            }
        }
        return new FcmConfig(account.path("project_id").asText(), account.path("client_email").asText(),
                account.path("private_key").asText(), account.path("private_key_id").asText(""),
                account.path("token_uri").asText(DEFAULT_TOKEN_URI), endpoint, timeout);
    }
}
