package io.parley.bench.jmh.ultragroup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One lean online member of {@link OnlineMembers}: it connects with its token (membership is the server's
 * business, no join is needed) and from then on only counts EVENT frames (the ultragroup's
 * {@code ultragroup.message} notices) by their type byte, without decoding them. Runs on its event loop.
 */
final class NoticeCounter extends ChannelInboundHandlerAdapter {
    private static final int TYPE_OFFSET = FrameHeader.LENGTH_FIELD_BYTES + 1;

    private final String token;
    private final String deviceId;
    private final AtomicLong notices;
    private final LongConsumer onNotice;
    private final Consumer<String> onConnected;

    NoticeCounter(String token, String deviceId, AtomicLong notices, LongConsumer onNotice,
            Consumer<String> onConnected) {
        this.token = token;
        this.deviceId = deviceId;
        this.notices = notices;
        this.onNotice = onNotice;
        this.onConnected = onConnected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        FrameCodec.encode(Frame.of(Command.CONNECT, 1, new ConnectBody(token, deviceId, "PC", 0, "bench")), out);
        ctx.writeAndFlush(out);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            int type = frame.getUnsignedByte(frame.readerIndex() + TYPE_OFFSET);
            if (type == Command.EVENT.code()) {
                onNotice.accept(notices.incrementAndGet());
            } else if (type == Command.CONNACK.code()) {
                ConnAckBody ack = (ConnAckBody) FrameCodec.decodeWhole(frame, Integer.MAX_VALUE).body();
                onConnected.accept(ack.code() == 0 ? null : "CONNACK " + ack.code() + " " + ack.message());
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onConnected.accept("connection failed: " + cause);
        ctx.close();
    }
}
