package io.parley.bench.jmh.ultragroup;

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
 * The online side of {@link UltragroupFanOutBenchmark}, run as its own process (file descriptors): one
 * connection per line of the token file ({@code userId token}), then {@code @@ READY <n>}. On stdin,
 * {@code EXPECT <total>} is answered {@code @@ OK} at once and {@code @@ DONE} when the EVENT count reaches
 * {@code total}; {@code QUIT} ends it.
 *
 * <p>Usage: {@code OnlineMembers <host> <port> <tokenFile>}.
 */
public final class OnlineMembers {
    static final String PREFIX = "@@ ";
    private static final int IN_FLIGHT = 500;

    private OnlineMembers() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        AtomicLong notices = new AtomicLong();
        AtomicLong target = new AtomicLong(Long.MAX_VALUE);
        LongConsumer onNotice = count -> {
            if (count == target.get()) {
                System.out.println(PREFIX + "DONE");
                System.out.flush();
            }
        };
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger connected = new AtomicInteger();
        EventLoopGroup group = new NioEventLoopGroup(2);
        try {
            for (String line : lines) {
                String[] parts = line.split(" ", 2);
                inFlight.acquire();
                NoticeCounter member = new NoticeCounter(parts[1], parts[0] + "-bench", notices, onNotice, failure -> {
                    if (failure != null) {
                        System.out.println(PREFIX + "FAILED " + parts[0] + " " + failure);
                        System.out.flush();
                        System.exit(1);
                    }
                    connected.incrementAndGet();
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
            inFlight.acquire(IN_FLIGHT);
            System.out.println(PREFIX + "READY " + connected.get());
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
