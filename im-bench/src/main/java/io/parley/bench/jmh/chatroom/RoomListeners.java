package io.parley.bench.jmh.chatroom;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The listening side of {@link ChatroomFanOutBenchmark}, run as its own process (each end of a TCP connection
 * takes a file descriptor, and one process may not hold 20,000 here). It opens one connection per line of the
 * token file ({@code userId token}), joins every member to the room, and prints {@code @@ READY <n>}. Then, on
 * stdin, {@code EXPECT <total>} makes it answer {@code @@ OK} at once and {@code @@ DONE} when its DELIVER count
 * reaches {@code total}; {@code QUIT} ends it.
 *
 * <p>Usage: {@code RoomListeners <host> <port> <roomId> <tokenFile>}.
 */
public final class RoomListeners {
    /** Marks this process's answers on stdout, which logging shares. */
    static final String PREFIX = "@@ ";
    private static final int IN_FLIGHT_JOINS = 500;

    private RoomListeners() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String roomId = args[2];
        List<String> lines = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8);
        AtomicLong delivered = new AtomicLong();
        AtomicLong target = new AtomicLong(Long.MAX_VALUE);
        LongConsumer onDelivered = count -> {
            // only the thread whose increment reached the target answers
            if (count == target.get()) {
                System.out.println(PREFIX + "DONE");
                System.out.flush();
            }
        };
        Semaphore inFlight = new Semaphore(IN_FLIGHT_JOINS);
        AtomicInteger joined = new AtomicInteger();
        EventLoopGroup group = new NioEventLoopGroup(2);
        try {
            for (String line : lines) {
                String[] parts = line.split(" ", 2);
                inFlight.acquire();
                ListenerConnection member = new ListenerConnection(parts[1], parts[0] + "-bench", roomId, delivered,
                        onDelivered, failure -> {
                            if (failure != null) {
                                System.out.println(PREFIX + "FAILED " + parts[0] + " " + failure);
                                System.out.flush();
                                System.exit(1);
                            }
                            joined.incrementAndGet();
                            inFlight.release();
                        });
                new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 0),
                                        member);
                            }
                        }).connect(host, port).sync();
            }
            inFlight.acquire(IN_FLIGHT_JOINS);
            System.out.println(PREFIX + "READY " + joined.get());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.startsWith("EXPECT ")) {
                    target.set(Long.parseLong(command.substring(7).trim()));
                    System.out.println(PREFIX + "OK");
                    System.out.flush();
                } else if (command.equals("QUIT")) {
                    break;
                }
            }
        } finally {
            group.shutdownGracefully();
        }
    }
}
