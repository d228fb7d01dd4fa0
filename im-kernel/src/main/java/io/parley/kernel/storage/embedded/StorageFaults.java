package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test hook that stands in for a full or failing disk, so that tests can prove the store rides one out: while a
 * fault is set for a storage directory, the matching operation on the files under it fails with an
 * {@link IOException} carrying the given message, as the operating system's would ("No space left on device"). A
 * failed log write first writes half of what it was given, as a disk filling up mid-write does. Nothing outside
 * tests sets a fault; while none is set a check costs one volatile read. Thread-safe.
 */
public final class StorageFaults {
    /** What fails. */
    public enum Kind {
        /** A write to a message log segment (after writing half of it). */
        LOG_WRITE,
        /** An fsync of a message log segment. */
        LOG_FORCE,
        /** A commit of the metadata index (a checkpoint). */
        METADATA_COMMIT
    }

    /** Where a fault applies: the files under {@code dir} whose name starts with {@code namePrefix}. */
    private record Scope(Path dir, String namePrefix) {
        boolean covers(Path file) {
            return file.startsWith(dir) && file.getFileName().toString().startsWith(namePrefix);
        }
    }

    private static final Map<Scope, Map<Kind, String>> FAULTS = new ConcurrentHashMap<>();
    private static volatile boolean any;

    private StorageFaults() {
    }

    /** From now on, {@code kind} fails under {@code storageDir} with an IOException of {@code message}. */
    public static void inject(Path storageDir, Kind kind, String message) {
        inject(storageDir, "", kind, message);
    }

    /** As {@link #inject(Path, Kind, String)}, for the files whose name starts with {@code namePrefix} only. */
    static synchronized void inject(Path storageDir, String namePrefix, Kind kind, String message) {
        FAULTS.computeIfAbsent(new Scope(key(storageDir), namePrefix), scope -> new ConcurrentHashMap<>())
                .put(kind, message);
        any = true;
    }

    /** Removes every fault set under {@code storageDir}. */
    public static synchronized void clear(Path storageDir) {
        Path dir = key(storageDir);
        FAULTS.keySet().removeIf(scope -> scope.dir().startsWith(dir));
        any = !FAULTS.isEmpty();
    }

    /** Whether {@code kind} fails now for {@code file}. */
    static boolean fails(Path file, Kind kind) {
        return any && file != null && message(file, kind) != null;
    }

    /** Throws the fault set for {@code kind} on {@code file}, if there is one. */
    static void check(Path file, Kind kind) throws IOException {
        if (!any || file == null) {
            return;
        }
        String message = message(file, kind);
        if (message != null) {
            throw new IOException(message);
        }
    }

    private static String message(Path file, Kind kind) {
        Path absolute = key(file);
        for (Map.Entry<Scope, Map<Kind, String>> fault : FAULTS.entrySet()) {
            if (fault.getKey().covers(absolute)) {
                String message = fault.getValue().get(kind);
                if (message != null) {
                    return message;
                }
            }
        }
        return null;
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
