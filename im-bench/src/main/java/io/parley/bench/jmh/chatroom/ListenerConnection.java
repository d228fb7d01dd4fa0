package io.parley.bench.jmh.chatroom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One lean room member of {@link RoomListeners}: it connects with its token, joins the room, and from then on
 * only counts DELIVER frames by their type byte, without decoding them, so that the listening side costs as
 * little CPU as a client can. Sits behind a length-field frame splitter; runs on its channel's event loop.
 */
final class ListenerConnection extends ChannelInboundHandlerAdapter {
    private static final int TYPE_OFFSET = FrameHeader.LENGTH_FIELD_BYTES + 1;

    private final String token;
    private final String deviceId;
    private final String roomId;
    private final AtomicLong delivered;
    private final LongConsumer onDelivered;
    private final Consumer<String> onJoined;

    ListenerConnection(String token, String deviceId, String roomId, AtomicLong delivered, LongConsumer onDelivered,
            Consumer<String> onJoined) {
        this.token = token;
        this.deviceId = deviceId;
        this.roomId = roomId;
        this.delivered = delivered;
        this.onDelivered = onDelivered;
        this.onJoined = onJoined;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        write(ctx, Frame.of(Command.CONNECT, 1, new ConnectBody(token, deviceId, "PC", 0, "bench")));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            int type = frame.getUnsignedByte(frame.readerIndex() + TYPE_OFFSET);
            if (type == Command.DELIVER.code()) {
                onDelivered.accept(delivered.incrementAndGet());
            } else if (type == Command.CONNACK.code()) {
                ConnAckBody ack = (ConnAckBody) FrameCodec.decodeWhole(frame, Integer.MAX_VALUE).body();
                if (ack.code() != 0) {
                    onJoined.accept("CONNACK " + ack.code() + " " + ack.message());
                    return;
                }
                write(ctx, Frame.of(Command.COMMAND, 2, new CommandBody("chatroom.join",
                        Map.of("roomId", roomId, "historyCount", 0))));
            } else if (type == Command.COMMAND_RESULT.code()) {
                CommandResultBody result = (CommandResultBody) FrameCodec.decodeWhole(frame, Integer.MAX_VALUE).body();
                onJoined.accept(result.code() == 0 ? null : "join " + result.code() + " " + result.message());
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onJoined.accept("connection failed: " + cause);
        ctx.close();
    }

    private static void write(ChannelHandlerContext ctx, Frame frame) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        FrameCodec.encode(frame, out);
        ctx.writeAndFlush(out);
    }
}
