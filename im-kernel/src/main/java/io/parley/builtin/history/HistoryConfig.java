package io.parley.builtin.history;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings of the hourly history files ({@code /message/history.json}), the keys under {@code history.}. Immutable.
 *
 * @param dir where generated files are kept: {@code history.dir}, default {@code <data.dir>/history}
 * @param baseUrl how app servers reach the HTTP port ({@code history.base-url}, e.g. {@code https://im.example.com});
 *     empty means {@code http://<bind host or 127.0.0.1>:<http port>} (the context's HTTP base URL)
 * @param zone the zone of the {@code YYYYMMDDHH} hours ({@code history.zone}, default {@code UTC})
 * @param linkTtl how long a download link stays valid ({@code history.link-ttl}, default 1h)
 */
record HistoryConfig(Path dir, Optional<String> baseUrl, ZoneId zone, Duration linkTtl) {
    public HistoryConfig {
        requireNonNull(dir, "dir is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(linkTtl, "linkTtl is null");
        if (linkTtl.isNegative() || linkTtl.isZero()) {
            throw ImException.invalidParameter("config history.link-ttl must be positive");
        }
    }

    /**
     * @param config the plugin's subtree ({@code history.*} read as {@code dir}, {@code base-url}, …)
     * @param dataDir the server's data folder ({@code data.dir})
     */
    static HistoryConfig from(PluginConfig config, Path dataDir) {
        Path dir = config.get("dir").map(value -> Path.of(value.trim())).orElseGet(() -> dataDir.resolve("history"));
        ZoneId zone;
        try {
            zone = ZoneId.of(config.get("zone", "UTC").trim());
        } catch (DateTimeException e) {
            throw ImException.invalidParameter("config history.zone is not a time zone: " + e.getMessage());
        }
        return new HistoryConfig(dir, config.get("base-url").map(String::trim).filter(s -> !s.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url), zone,
                config.getDuration("link-ttl", Duration.ofHours(1)));
    }
}
