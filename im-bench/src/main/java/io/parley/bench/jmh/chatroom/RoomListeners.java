package io.parley.bench.jmh.chatroom;

import io.parley.bench.jmh.fanout.CountingListeners;
import java.nio.file.Path;

/**
 * The listening side of {@link ChatroomFanOutBenchmark}, run as its own process (each end of a TCP connection
 * takes a file descriptor, and one process may not hold 20,000 here). It opens one connection per line of the
 * token file ({@code userId token}), each a {@link ListenerConnection}, joins every member to the room, and
 * prints {@code @@ READY <n>}. Then, on stdin, {@code EXPECT <total>} makes it answer {@code @@ OK} at once and
 * {@code @@ DONE} when its DELIVER count reaches {@code total}; {@code QUIT} ends it (see
 * {@link CountingListeners}).
 *
 * <p>Usage: {@code RoomListeners <host> <port> <roomId> <tokenFile>}.
 */
public final class RoomListeners {
    private static final int IN_FLIGHT_JOINS = 500;

    private RoomListeners() {
    }

    public static void main(String[] args) throws Exception {
        String roomId = args[2];
        CountingListeners.run(args[0], Integer.parseInt(args[1]), Path.of(args[3]), IN_FLIGHT_JOINS,
                (token, deviceId, delivered, onDelivered, onJoined) ->
                        new ListenerConnection(token, deviceId, roomId, delivered, onDelivered, onJoined));
    }
}
