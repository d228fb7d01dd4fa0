package io.parley.builtin.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Message;
import io.parley.api.storage.MessageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The hourly history files of {@code /message/history.json}: for an hour {@code YYYYMMDDHH} (in the configured
 * zone) within the last 3 days, a zip holding {@code YYYYMMDDHH.txt}, one JSON object per message sent in that
 * hour, RongCloud's fields ({@code appId, fromUserId, targetId, targetType, GroupId, classname, content,
 * dateTime, msgUID}). Files of finished hours are generated once and reused; the current hour's is regenerated.
 * Thread-safe (one generation at a time); blocks on storage and disk I/O; call it on a worker thread.
 */
final class HourlyArchive {
    static final Duration WINDOW = Duration.ofDays(3);
    private static final Pattern NAME = Pattern.compile("\\d{10}\\.zip");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuuMMddHH");
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageStore store;
    private final HistoryConfig config;
    private final String appKey;
    private final Clock clock;

    /** The server's archive, writing {@code appKey} ({@code app.key}) as each line's {@code appId}. */
    HourlyArchive(MessageStore store, HistoryConfig config, String appKey, Clock clock) {
        this.store = store;
        this.config = config;
        this.appKey = appKey;
        this.clock = clock;
    }

    /** The file of hour {@code date}, generated if needed; empty when no message was sent in that hour. */
    synchronized Optional<Path> fileFor(String date) {
        Instant start = hourStart(date);
        Instant end = start.plus(Duration.ofHours(1));
        Instant now = clock.instant();
        if (start.isAfter(now) || end.isBefore(now.minus(WINDOW))) {
            throw ImException.invalidParameter("date must be an hour within the last 3 days, was " + date);
        }
        Path file = config.dir().resolve(date + ".zip");
        if (Files.exists(file) && !end.isAfter(now)) {
            return Optional.of(file);
        }
        try {
            Files.createDirectories(config.dir());
            Path partial = config.dir().resolve(date + ".zip.partial");
            long count = write(partial, date, start.toEpochMilli(), end.toEpochMilli());
            if (count == 0) {
                Files.deleteIfExists(partial);
                return Optional.empty();
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(file);
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.INTERNAL_ERROR, "cannot write the history file: " + e.getMessage(), e);
        }
    }

    /** Deletes the file of hour {@code date}, if it was generated. */
    synchronized void delete(String date) {
        hourStart(date);
        try {
            Files.deleteIfExists(config.dir().resolve(date + ".zip"));
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.INTERNAL_ERROR, "cannot delete the history file: " + e.getMessage(), e);
        }
    }

    /** The generated file called {@code name} ({@code YYYYMMDDHH.zip}), if it exists; other names never resolve. */
    Optional<Path> existing(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = config.dir().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Instant hourStart(String date) {
        try {
            return LocalDateTime.parse(date, HOUR).atZone(config.zone()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ImException.invalidParameter("date must be YYYYMMDDHH, e.g. 2014010101, was " + date);
        }
    }

    private long write(Path target, String date, long fromMillis, long toMillis) throws IOException {
        long[] count = new long[1];
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(date + ".txt"));
            store.scanByTime(fromMillis, toMillis, message -> {
                try {
                    zip.write(JSON.writeValueAsBytes(line(message)));
                    zip.write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            zip.closeEntry();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    private Map<String, Object> line(Message message) {
        Map<String, Object> line = new LinkedHashMap<>();
        boolean group = message.conversationType() != io.parley.api.model.ConversationType.PRIVATE;
        line.put("appId", appKey);
        line.put("fromUserId", message.fromUserId());
        line.put("targetId", message.targetId());
        line.put("targetType", message.conversationType().code());
        line.put("GroupId", group ? message.targetId() : "");
        line.put("classname", message.objectName());
        line.put("content", content(message.content()));
        line.put("dateTime", LINE_TIME.format(Instant.ofEpochMilli(message.sentTime()).atZone(config.zone())));
        line.put("msgUID", message.messageUid());
        return line;
    }

    private static Object content(String content) {
        try {
            JsonNode node = JSON.readTree(content.getBytes(StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : content;
        } catch (IOException e) {
            return content;
        }
    }
}
