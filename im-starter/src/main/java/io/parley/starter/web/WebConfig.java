package io.parley.starter.web;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The starter's web settings: the chat page, the development token endpoint, uploads and the operator console.
 *
 * @param pageEnabled        {@code web.enabled}: serve the chat page at {@code /}
 * @param devSignIn          {@code web.dev-sign-in}: hand out tokens to anyone who asks (development only)
 * @param uploadsDir         {@code web.uploads.dir}
 * @param uploadMaxBytes     {@code web.uploads.max-bytes}; 0 turns uploads off
 * @param uploadTypes        {@code web.uploads.types}: content types accepted
 * @param consoleUser        {@code console.username}
 * @param consolePassword    {@code console.password}; without it the console is off
 * @param consoleMaxFailures {@code console.login.max-failures}: wrong passwords from one address before it is locked out
 * @param consoleLockout     {@code console.login.lockout}: how long the first lock-out of an address lasts
 * @param consoleTrackedAddresses {@code console.login.tracked-addresses}: how many addresses' failures are remembered
 * @param auditMaxEntries    {@code console.audit.max-entries}: the console's audit log keeps at most this many entries
 * @param auditRetention     {@code console.audit.retention-days}: and none older than this
 */
public record WebConfig(boolean pageEnabled, boolean devSignIn, Path uploadsDir, int uploadMaxBytes,
        Set<String> uploadTypes, String consoleUser, Optional<String> consolePassword, int consoleMaxFailures,
        Duration consoleLockout, int consoleTrackedAddresses, int auditMaxEntries, Duration auditRetention) {
    static final int DEFAULT_AUDIT_MAX_ENTRIES = 10_000;
    static final int DEFAULT_AUDIT_RETENTION_DAYS = 365;
    static final String DEFAULT_TYPES = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,application/zip";

    public WebConfig {
        uploadTypes = Set.copyOf(uploadTypes);
        if (uploadMaxBytes < 0) {
            throw ImException.invalidParameter("config web.uploads.max-bytes must be 0 or more, was " + uploadMaxBytes);
        }
        if (consoleUser.isBlank()) {
            throw ImException.invalidParameter("config console.username must not be empty");
        }
        if (consoleMaxFailures < 1) {
            throw ImException.invalidParameter("config console.login.max-failures must be 1 or more, was " + consoleMaxFailures);
        }
        if (consoleLockout.toMillis() < 1) {
            throw ImException.invalidParameter("config console.login.lockout must be 1ms or more, was " + consoleLockout);
        }
        if (consoleTrackedAddresses < 1) {
            throw ImException.invalidParameter(
                    "config console.login.tracked-addresses must be 1 or more, was " + consoleTrackedAddresses);
        }
        if (auditMaxEntries < 1) {
            throw ImException.invalidParameter("config console.audit.max-entries must be 1 or more, was " + auditMaxEntries);
        }
        if (auditRetention.toDays() < 1) {
            throw ImException.invalidParameter("config console.audit.retention-days must be 1 or more, was "
                    + auditRetention.toDays());
        }
    }

    /** The settings without the audit log's, which take their defaults. */
    public WebConfig(boolean pageEnabled, boolean devSignIn, Path uploadsDir, int uploadMaxBytes, Set<String> uploadTypes,
            String consoleUser, Optional<String> consolePassword, int consoleMaxFailures, Duration consoleLockout,
            int consoleTrackedAddresses) {
        this(pageEnabled, devSignIn, uploadsDir, uploadMaxBytes, uploadTypes, consoleUser, consolePassword,
                consoleMaxFailures, consoleLockout, consoleTrackedAddresses, DEFAULT_AUDIT_MAX_ENTRIES,
                Duration.ofDays(DEFAULT_AUDIT_RETENTION_DAYS));
    }

    public static WebConfig read(PluginConfig root, Path dataDir) {
        Set<String> types = Arrays.stream(root.get("web.uploads.types", DEFAULT_TYPES).split(","))
                .map(type -> type.trim().toLowerCase(Locale.ROOT)).filter(type -> !type.isEmpty())
                .collect(Collectors.toSet());
        return new WebConfig(root.getBoolean("web.enabled", true), root.getBoolean("web.dev-sign-in", false),
                root.get("web.uploads.dir").map(Path::of).orElse(dataDir.resolve("uploads")),
                root.getInt("web.uploads.max-bytes", 10 * 1024 * 1024), types,
                root.get("console.username", "admin"),
                root.getSecret("console.password").filter(password -> !password.isEmpty()),
                root.getInt("console.login.max-failures", 5), root.getDuration("console.login.lockout", Duration.ofMinutes(1)),
                root.getInt("console.login.tracked-addresses", 10_000),
                root.getInt("console.audit.max-entries", DEFAULT_AUDIT_MAX_ENTRIES),
                Duration.ofDays(root.getInt("console.audit.retention-days", DEFAULT_AUDIT_RETENTION_DAYS)));
    }

    public boolean uploadsEnabled() {
        return uploadMaxBytes > 0 && !uploadTypes.isEmpty();
    }
}
