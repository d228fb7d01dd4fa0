package io.parley.starter.web;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.nio.file.Path;
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
 */
public record WebConfig(boolean pageEnabled, boolean devSignIn, Path uploadsDir, int uploadMaxBytes,
        Set<String> uploadTypes, String consoleUser, Optional<String> consolePassword) {
    static final String DEFAULT_TYPES = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,application/zip";

    public WebConfig {
        uploadTypes = Set.copyOf(uploadTypes);
        if (uploadMaxBytes < 0) {
            throw ImException.invalidParameter("config web.uploads.max-bytes must be 0 or more, was " + uploadMaxBytes);
        }
        if (consoleUser.isBlank()) {
            throw ImException.invalidParameter("config console.username must not be empty");
        }
    }

    public static WebConfig read(PluginConfig root, Path dataDir) {
        Set<String> types = Arrays.stream(root.get("web.uploads.types", DEFAULT_TYPES).split(","))
                .map(type -> type.trim().toLowerCase(Locale.ROOT)).filter(type -> !type.isEmpty())
                .collect(Collectors.toSet());
        return new WebConfig(root.getBoolean("web.enabled", true), root.getBoolean("web.dev-sign-in", false),
                root.get("web.uploads.dir").map(Path::of).orElse(dataDir.resolve("uploads")),
                root.getInt("web.uploads.max-bytes", 10 * 1024 * 1024), types,
                root.get("console.username", "admin"),
                root.get("console.password").filter(password -> !password.isEmpty()));
    }

    public boolean uploadsEnabled() {
        return uploadMaxBytes > 0 && !uploadTypes.isEmpty();
    }
}
