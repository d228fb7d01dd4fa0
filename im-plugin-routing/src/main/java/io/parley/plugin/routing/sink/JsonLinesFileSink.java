package io.parley.plugin.routing.sink;

import io.parley.plugin.routing.outbox.RoutingEventJson;
import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.plugin.routing.spi.RoutingSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The example sink for plugin authors: appends every event, of both kinds, as one JSON object per line to
 * {@code routing.file.path}, in the shape of {@link RoutingEventJson}
 * ({@code {"id":…,"kind":"message","key":…,"occurredAt":…,"queuedAt":…,"fields":{…}}}), and fsyncs once
 * per batch before returning. A line may appear twice after a crash (delivery is at least once).
 *
 * <p>Thread-safe: batches of different keys arrive concurrently and are written one at a time, each batch
 * as one write. Blocks for the write and the fsync.
 */
public final class JsonLinesFileSink implements RoutingSink {
    private final Path path;
    private final FileChannel channel;

    public JsonLinesFileSink(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the routing file sink " + path, e);
        }
    }

    @Override
    public boolean accepts(RoutingEvent.Kind kind) {
        return true;
    }

    @Override
    public synchronized void deliver(List<RoutingEvent> batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (RoutingEvent event : batch) {
            lines.append(RoutingEventJson.toLine(event)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
