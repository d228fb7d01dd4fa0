package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where a log segment's bytes live: a file ({@link #of(FileChannel, Path)}), or memory for durability {@code memory}
 * ({@link #inMemory()}). Positional reads and writes, as {@link FileChannel} has them; reads are safe from any
 * thread while one thread writes. A file's writes and forces fail as a {@link StorageFaults} test hook says.
 */
interface SegmentBytes extends AutoCloseable {

    int write(ByteBuffer source, long position) throws IOException;

    int read(ByteBuffer target, long position) throws IOException;

    long size() throws IOException;

    void truncate(long size) throws IOException;

    /** Makes what was written durable (a file), or does nothing (memory). */
    void force(boolean metadata) throws IOException;

    @Override
    void close() throws IOException;

    /** The bytes of the file {@code path}, open as {@code channel}. */
    static SegmentBytes of(FileChannel channel, Path path) {
        return new SegmentBytes() {
            @Override
            public int write(ByteBuffer source, long position) throws IOException {
                if (StorageFaults.fails(path, StorageFaults.Kind.LOG_WRITE)) {
                    // a disk filling up mid-write: part of the bytes land, then the write fails
                    ByteBuffer half = source.slice().limit(source.remaining() / 2);
                    channel.write(half, position);
                    StorageFaults.check(path, StorageFaults.Kind.LOG_WRITE);
                }
                return channel.write(source, position);
            }

            @Override
            public int read(ByteBuffer target, long position) throws IOException {
                return channel.read(target, position);
            }

            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
            }

            @Override
            public void force(boolean metadata) throws IOException {
                StorageFaults.check(path, StorageFaults.Kind.LOG_FORCE);
                channel.force(metadata);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /**
     * An empty segment in memory, off the heap (a direct buffer that grows by doubling), so that a store in memory
     * costs the garbage collector nothing to copy or trace.
     */
    static SegmentBytes inMemory() {
        return new MemoryBytes();
    }

    /** A segment's bytes in a direct buffer; a write publishes the new size after the bytes. */
    final class MemoryBytes implements SegmentBytes {
        private volatile ByteBuffer bytes = ByteBuffer.allocateDirect(1 << 20);
        private volatile long size;
        private volatile boolean closed;

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            checkOpen();
            int length = source.remaining();
            long end = position + length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IOException("a segment in memory is limited to 2 GiB");
            }
            ByteBuffer current = bytes;
            if (end > current.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(end, (long) current.capacity() * 2)));
                bigger.put(0, current, 0, (int) size);
                bytes = bigger;
                current = bigger;
            }
            current.put((int) position, source, source.position(), length);
            source.position(source.limit());
            if (end > size) {
                size = end;
            }
            return length;
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            checkOpen();
            long available = size - position;
            if (available <= 0) {
                return -1;
            }
            int length = (int) Math.min(target.remaining(), available);
            target.put(target.position(), bytes, (int) position, length);
            target.position(target.position() + length);
            return length;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void truncate(long newSize) {
            if (newSize < size) {
                size = newSize;
            }
        }

        @Override
        public void force(boolean metadata) {
        }

        @Override
        public void close() {
            closed = true;
        }

        private void checkOpen() throws ClosedChannelException {
            if (closed) {
                throw new ClosedChannelException();
            }
        }
    }
}
