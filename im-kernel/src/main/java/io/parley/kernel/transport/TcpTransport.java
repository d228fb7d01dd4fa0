package io.parley.kernel.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ErrorBody;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.parley.kernel.lifecycle.Service;
import io.parley.kernel.session.WireFormat;
import io.parley.protocol.netty.FrameDecoder;
import io.parley.protocol.netty.FrameEncoder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.List;

/** The client protocol over plain TCP: length-prefixed binary frames. */
@Singleton
public final class TcpTransport implements Service {
    private final NettyGroups groups;
    private final ConnectionHandlers handlers;
    private final TransportContext transport;
    private Channel serverChannel;

    @Inject
    public TcpTransport(NettyGroups groups, ConnectionHandlers handlers) {
        this.groups = groups;
        this.handlers = handlers;
        this.transport = handlers.transport();
    }

    @Override
    public String name() {
        return "tcp-transport";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("netty", "executors", "plugins");
    }

    @Override
    public void start() throws InterruptedException {
        ConnectionAdmission admission = new ConnectionAdmission("tcp", transport.limits().tcp(),
                transport.metrics().registry(), TcpTransport::refuse);
        serverChannel = groups.serverBootstrap(transport.config().writeBufferWaterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.attr(WireFormat.KEY).set(WireFormat.STREAM);
                        channel.pipeline().addLast("admission", admission);
                        transport.tls().ifPresent(tls -> channel.pipeline().addLast("tls", tls.newHandler(channel.alloc())));
                        channel.pipeline().addLast("frame-decoder", new FrameDecoder(transport.config().maxFrameBytes()));
                        channel.pipeline().addLast("frame-encoder", FrameEncoder.INSTANCE);
                        ProtocolPipeline.addTail(channel.pipeline(), handlers);
                    }
                })
                .bind(transport.config().bindHost(), transport.config().tcpPort()).sync().channel();
    }

    /**
     * A connection past the port's caps is told why in an ERROR frame and closed at once (without waiting for the
     * write, which on TLS would wait for a handshake: there the client sees the connection closed).
     */
    private static void refuse(ChannelHandlerContext admission) {
        admission.channel().writeAndFlush(Frame.of(Command.ERROR, 0, new ErrorBody(
                StandardErrorCode.TOO_MANY_CONNECTIONS.code(), "too many connections; retry later", true)));
        admission.channel().close();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void stop() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
    }
}
