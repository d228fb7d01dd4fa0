package io.parley.plugin.push.vendor.apns;

import static io.parley.plugin.push.vendor.VendorSettings.require;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code push.apns.*}: {@code team-id} and {@code key-id} (10 characters each) and the {@code .p8} key as
 * {@code private-key-file} or {@code private-key} (PEM), required; {@code endpoint}
 * ({@code https://api.push.apple.com}) and {@code sandbox-endpoint}
 * ({@code https://api.sandbox.push.apple.com}), chosen per device token; {@code trusted-certificate-file} (a PEM
 * certificate to trust besides the JDK's, for a proxy or a test server); {@code token-lifetime} (how long one
 * JWT is used, 50m: APNs refuses one older than an hour and one minted within 20 minutes of the last);
 * {@code timeout} (10s).
 */
public record ApnsConfig(String teamId, String keyId, String privateKeyPem, String endpoint, String sandboxEndpoint,
        Optional<String> trustedCertificatePem, Duration tokenLifetime, Duration timeout) {

    public ApnsConfig {
        if (teamId.length() != 10 || keyId.length() != 10) {
            throw ImException.invalidParameter("push.apns.team-id and push.apns.key-id are 10 characters each");
        }
        if (tokenLifetime.compareTo(Duration.ofMinutes(20)) < 0 || tokenLifetime.compareTo(Duration.ofMinutes(60)) >= 0) {
            throw ImException.invalidParameter("push.apns.token-lifetime must be at least 20m and under 60m");
        }
    }

    public static ApnsConfig from(PluginConfig config) {
        String key = config.getSecret("private-key").orElseGet(() -> read(config.get("private-key-file").orElseThrow(
                () -> ImException.invalidParameter("push.apns needs private-key-file or private-key")), "private-key-file"));
        return new ApnsConfig(require(config, "apns", "team-id"),
                require(config, "apns", "key-id"), key,
                config.get("endpoint", "https://api.push.apple.com"),
                config.get("sandbox-endpoint", "https://api.sandbox.push.apple.com"),
                config.get("trusted-certificate-file").map(file -> read(file, "trusted-certificate-file")),
                config.getDuration("token-lifetime", Duration.ofMinutes(50)),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }

    private static String read(String file, String key) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw ImException.invalidParameter("push.apns." + key + " cannot be read: " + e.getMessage());
        }
    }
}
