package io.parley.bench.jmh.fanout;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
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
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The body of a fan-out benchmark's listener process, which runs apart from the server's because each end of a
 * TCP connection takes a file descriptor and one process may not hold 20,000. It opens one connection per line
 * of the token file ({@code userId token}), at most {@code inFlight} of them still getting ready at a time, and
 * prints {@code @@ READY <n>} when every one is ready. Then, on stdin, {@code EXPECT <total>} makes it answer
 * {@code @@ OK} at once and {@code @@ DONE} when the connections together have counted {@code total} frames;
 * {@code QUIT} ends it. A connection that fails to get ready prints {@code @@ FAILED <userId> <why>} and ends
 * the process. {@link ListenerProcess} is the benchmark's side of this exchange.
 */
public final class CountingListeners {
    /** Marks this process's answers on stdout, which logging shares. */
    public static final String PREFIX = "@@ ";

    /** Makes the handler of one connection, which sits behind a length-field frame splitter. */
    @FunctionalInterface
    public interface ConnectionFactory {
        /**
         * @param token the user's token, from the token file
         * @param deviceId the device to connect as
         * @param counted the frames counted by all connections, which the handler increments
         * @param onCounted called with each new value of {@code counted} the handler reaches
         * @param onReady called once when the connection is ready to count, with null, or with why it failed
         */
        ChannelHandler create(String token, String deviceId, AtomicLong counted, LongConsumer onCounted,
                Consumer<String> onReady);
    }

    private CountingListeners() {
    }

    /** Runs the listener process until {@code QUIT} or the end of stdin. */
    public static void run(String host, int port, Path tokenFile, int inFlight, ConnectionFactory connections)
            throws Exception {
        List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
        AtomicLong counted = new AtomicLong();
        AtomicLong target = new AtomicLong(Long.MAX_VALUE);
        LongConsumer onCounted = count -> {
            // only the thread whose increment reached the target answers
            if (count == target.get()) {
                System.out.println(PREFIX + "DONE");
                System.out.flush();
            }
        };
        Semaphore gettingReady = new Semaphore(inFlight);
        AtomicInteger ready = new AtomicInteger();
        EventLoopGroup group = new NioEventLoopGroup(2);
        try {
            for (String line : lines) {
                String[] parts = line.split(" ", 2);
                gettingReady.acquire();
                ChannelHandler connection = connections.create(parts[1], parts[0] + "-bench", counted, onCounted,
                        failure -> {
                            if (failure != null) {
                                System.out.println(PREFIX + "FAILED " + parts[0] + " " + failure);
                                System.out.flush();
                                System.exit(1);
                            }
                            ready.incrementAndGet();
                            gettingReady.release();
                        });
                new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 0),
                                        connection);
                            }
                        }).connect(host, port).sync();
            }
            gettingReady.acquire(inFlight);
            System.out.println(PREFIX + "READY " + ready.get());
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
