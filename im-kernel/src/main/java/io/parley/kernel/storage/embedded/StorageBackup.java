package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backup and restore of an embedded store. A backup may run while the server writes: the log is append-only,
 * so copying the segments oldest first, each up to its length at that moment, then cutting a record torn by
 * the copy at the end, gives a consistent prefix of the log: every message acked before the backup began is
 * in it. The index is not copied (it is derived; the restored server rebuilds it). A restore copies a backup
 * into an empty storage directory, with the server stopped. Runs on the calling thread; blocks on I/O.
 */
public final class StorageBackup {
    private StorageBackup() {
    }

    /** What a backup or restore copied. */
    public record Report(int segments, long bytes) {
    }

    /** Copies the log of {@code storageDir} into {@code targetDir} (which must be empty or absent). */
    public static Report backup(Path storageDir, Path targetDir) throws IOException {
        Path logDir = storageDir.resolve("log");
        if (!Files.isDirectory(logDir)) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "no message log in " + storageDir);
        }
        requireEmpty(targetDir);
        Path targetLog = Files.createDirectories(targetDir.resolve("log"));
        List<Path> copied = new ArrayList<>();
        for (Path segment : segmentFiles(logDir)) {
            Path target = targetLog.resolve(segment.getFileName());
            try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long length = in.size();
                for (long done = 0; done < length; ) {
                    done += in.transferTo(done, length - done, out);
                }
                out.force(true);
                copied.add(target);
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(target);
            }
        }
        // A segment deleted by retention mid-copy leaves a gap: what precedes it had expired too.
        try (MessageLog ignored = openDroppingExpiredPrefix(targetLog)) {
            long bytes = 0;
            for (Path file : segmentFiles(targetLog)) {
                bytes += Files.size(file);
            }
            MessageLog.syncDirectory(targetLog);
            return new Report(segmentFiles(targetLog).size(), bytes);
        }
    }

    /** Copies a backup made by {@link #backup} into {@code storageDir}, which must hold no log yet. */
    public static Report restore(Path backupDir, Path storageDir) throws IOException {
        List<Path> segments = segmentFiles(backupDir.resolve("log"));
        if (segments.isEmpty()) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "no backup found in " + backupDir
                    + " (expected log/*.log)");
        }
        try (StorageDirectoryLock lock = StorageDirectoryLock.acquire(storageDir)) {
            Path logDir = storageDir.resolve("log");
            if (Files.isDirectory(logDir) && !segmentFiles(logDir).isEmpty()) {
                throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "the storage directory " + storageDir
                        + " already holds a message log; restore into an empty data directory");
            }
            Files.createDirectories(logDir);
            long bytes = 0;
            for (Path segment : segments) {
                Path target = logDir.resolve(segment.getFileName());
                Files.copy(segment, target);
                try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                bytes += Files.size(target);
            }
            StoreRecovery.forgetDerivedState(storageDir);
            MessageLog.syncDirectory(logDir);
            openCuttingTornTail(logDir).close();
            return new Report(segments.size(), bytes);
        }
    }

    private static MessageLog openDroppingExpiredPrefix(Path logDir) throws IOException {
        List<Path> files = segmentFiles(logDir);
        for (int i = files.size() - 1; i > 0; i--) {
            long base = base(files.get(i));
            if (base(files.get(i - 1)) + Files.size(files.get(i - 1)) != base) {
                for (Path older : files.subList(0, i)) {
                    Files.delete(older);
                }
                break;
            }
        }
        return openCuttingTornTail(logDir);
    }

    /** Opens a copied log and cuts a record the copy caught half-written. */
    private static MessageLog openCuttingTornTail(Path logDir) throws IOException {
        MessageLog messageLog = MessageLog.open(logDir, Long.MAX_VALUE);
        try {
            messageLog.cutTornTail(0);
            return messageLog;
        } catch (IOException | RuntimeException e) {
            messageLog.close();
            throw e;
        }
    }

    private static long base(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    private static List<Path> segmentFiles(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ImException(StandardErrorCode.INVALID_PARAMETER,
                            "the backup directory " + dir + " is not empty");
                }
            }
        }
    }
}
