package io.parley.builtin.history;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.DownloadRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The download side of the hourly history files: makes signed links ({@code GET /history/files/<YYYYMMDDHH>.zip
 * ?expires=<epoch s>&sig=<hex>}) and serves them, as a {@link DownloadRoute} (the kernel's HTTP handler checks no
 * signature of its own: this route does). The HTTP handler calls {@link #download} on a worker thread. Thread-safe;
 * {@link #download} blocks on disk I/O.
 */
final class HistoryDownloads implements DownloadRoute {
    static final String PREFIX = "/history/files/";

    private final HourlyArchive archive;
    private final SignedLinks links;
    private final Clock clock;
    private final java.time.Duration ttl;

    /** Links signed with {@code appSecret} ({@code app.secret}), living {@code ttl} ({@code history.link-ttl}). */
    HistoryDownloads(HourlyArchive archive, String appSecret, Clock clock, java.time.Duration ttl) {
        this.archive = archive;
        this.links = new SignedLinks(appSecret);
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String contentType() {
        return "application/zip";
    }

    /** A link to {@code file}, valid for the configured time, under {@code baseUrl} (scheme, host and port). */
    String link(String baseUrl, Path file) {
        String name = file.getFileName().toString();
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return baseUrl + PREFIX + name + "?expires=" + expires + "&sig=" + links.sign(name, expires);
    }

    /**
     * The bytes of the file a signed link names ({@code name}, the path after {@link #PREFIX}). A bad or expired
     * signature fails with {@code SIGNATURE_ERROR} (HTTP 401); a file that is gone with {@code NOT_FOUND} (HTTP 404).
     */
    @Override
    public byte[] download(String name, Map<String, List<String>> query) {
        long expires;
        try {
            expires = Long.parseLong(first(query, "expires").orElse("0"));
        } catch (NumberFormatException e) {
            expires = 0;
        }
        if (!links.valid(name, expires, first(query, "sig").orElse(null), clock.instant().getEpochSecond())) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "the download link is invalid or expired");
        }
        Path file = archive.existing(name).orElseThrow(
                () -> new ImException(StandardErrorCode.NOT_FOUND, "no such history file: " + name));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.NOT_FOUND, "the history file is gone: " + name);
        }
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream().findFirst();
    }
}
