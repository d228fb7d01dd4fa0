package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.DBMaker;

/** Opens {@link LocalStore}s. */
public final class LocalStores {
    private LocalStores() {
    }

    /**
     * The store of {@code userId} in {@code appKey}, in the file {@code <dir>/<appKey>/<userId>.db} (names
     * URL-encoded), created if absent. Several users of one device share {@code dir}, each with a file of their
     * own. Blocks on disk I/O. A file is open in one store at a time.
     */
    public static LocalStore mapDb(Path dir, String appKey, String userId) {
        return mapDb(dir, appKey, userId, true);
    }

    /** {@code indexing}: false never starts the background indexer (tests of what a crash leaves behind). */
    static LocalStore mapDb(Path dir, String appKey, String userId, boolean indexing) {
        Path file = file(dir, appKey, userId);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        return new MapDbLocalStore(appKey, userId, file, DBMaker.fileDB(file.toFile()).transactionEnable()
                .fileMmapEnableIfSupported().fileMmapPreclearDisable().closeOnJvmShutdown().make(), indexing);
    }

    /** Where {@link #mapDb} keeps the store of {@code userId} in {@code appKey}. */
    public static Path file(Path dir, String appKey, String userId) {
        requireNonNull(dir, "dir is null");
        return dir.resolve(fileName(requireNonNull(appKey, "appKey is null")))
                .resolve(fileName(requireNonNull(userId, "userId is null")) + ".db");
    }

    /** A store in memory, gone when closed (tests, or an app that keeps nothing on disk). */
    public static LocalStore inMemory(String appKey, String userId) {
        return new MapDbLocalStore(appKey, userId, null, DBMaker.memoryDB().make());
    }

    private static String fileName(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("*", "%2A");
        return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
    }
}
