package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on a storage directory ({@code <dir>/lock}), held by a running provider and by offline
 * tools (repair, restore), so that two never write one directory. Not thread-safe; one owner.
 */
final class StorageDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StorageDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (creating it), or fails with {@code STORAGE_UNAVAILABLE} if someone holds it. */
    static StorageDirectoryLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "the storage directory " + dir + " is already in use (is the server running?)");
        }
        return new StorageDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
