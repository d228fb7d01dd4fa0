package io.parley.bench.jmh.ultragroup;

import io.parley.bench.jmh.fanout.CountingListeners;
import java.nio.file.Path;

/**
 * The online side of {@link UltragroupFanOutBenchmark}, run as its own process (file descriptors): one
 * connection per line of the token file ({@code userId token}), each a {@link NoticeCounter}, then
 * {@code @@ READY <n>}. On stdin, {@code EXPECT <total>} is answered {@code @@ OK} at once and {@code @@ DONE}
 * when the EVENT count reaches {@code total}; {@code QUIT} ends it (see {@link CountingListeners}).
 *
 * <p>Usage: {@code OnlineMembers <host> <port> <tokenFile>}.
 */
public final class OnlineMembers {
    private static final int IN_FLIGHT = 500;

    private OnlineMembers() {
    }

    public static void main(String[] args) throws Exception {
        CountingListeners.run(args[0], Integer.parseInt(args[1]), Path.of(args[2]), IN_FLIGHT, NoticeCounter::new);
    }
}
