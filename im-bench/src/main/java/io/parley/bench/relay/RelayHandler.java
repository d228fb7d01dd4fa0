package io.parley.bench.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One relay connection: CONNECT is answered with CONNACK 0 at once (no token check), PING with PONG, SEND with
 * a DELIVER to the target user's connection (private) or to every member of the room named by the target
 * (group and chatroom types, joined by any COMMAND whose body has a {@code roomId} or {@code groupId}) and a
 * SEND_ACK to the sender. SYNC gets an empty, finished page. Nothing is stored; DELIVERs carry seq 0 and inbox
 * seq 0, so that clients treat them like status messages.
 */
final class RelayHandler extends SimpleChannelInboundHandler<Frame> {
    private static final int PRIVATE = 1;
    private final RelayState state;
    private String userId;

    RelayHandler(RelayState state) {
        this.state = state;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.command()) {
            case CONNECT -> connect(ctx, frame);
            case PING -> ctx.writeAndFlush(Frame.of(Command.PONG, frame.requestId(), EmptyBody.INSTANCE),
                    ctx.voidPromise());
            case SEND -> send(ctx, frame);
            case COMMAND -> command(ctx, frame);
            case SYNC -> ctx.writeAndFlush(Frame.of(Command.SYNC_RESULT, frame.requestId(),
                    new SyncResultBody(List.of(), 0, List.of(), true)), ctx.voidPromise());
            case DISCONNECT -> ctx.close();
            default -> {
                // ACK and anything else: nothing to do
            }
        }
    }

    private void connect(ChannelHandlerContext ctx, Frame frame) {
        userId = RelayState.userIdOf(frame.body(ConnectBody.class).token());
        state.online(userId, ctx.channel());
        ctx.writeAndFlush(Frame.of(Command.CONNACK, frame.requestId(), new ConnAckBody(0, null, userId,
                "relay-" + ctx.channel().id().asShortText(), System.currentTimeMillis(), 0, 30,
                FrameHeader.DEFAULT_MAX_FRAME_BYTES)), ctx.voidPromise());
    }

    private void send(ChannelHandlerContext ctx, Frame frame) {
        SendBody send = frame.body(SendBody.class);
        long now = System.currentTimeMillis();
        String uid = "R" + state.nextMessageId();
        boolean fanOut = send.conversationType() != PRIVATE;
        WireMessage message = new WireMessage(0, send.conversationType(), fanOut ? send.targetId() : userId, userId,
                send.objectName(), send.content(), send.pushContent(), send.pushData(), uid, 0, now,
                send.clientMsgId(), true, true);
        ByteBuf deliver = ctx.alloc().buffer(256);
        FrameCodec.encode(Frame.of(Command.DELIVER, 0, new DeliverBody(message)), deliver);
        try {
            if (fanOut) {
                Set<Channel> members = state.members(send.targetId());
                for (Channel member : members) {
                    member.writeAndFlush(deliver.retainedDuplicate(), member.voidPromise());
                }
            } else {
                Channel target = state.channelOf(send.targetId());
                if (target != null) {
                    target.writeAndFlush(deliver.retainedDuplicate(), target.voidPromise());
                }
            }
        } finally {
            deliver.release();
        }
        ctx.writeAndFlush(Frame.of(Command.SEND_ACK, frame.requestId(),
                new SendAckBody(0, null, send.clientMsgId(), uid, 0, now, 0)), ctx.voidPromise());
    }

    private void command(ChannelHandlerContext ctx, Frame frame) {
        CommandBody command = frame.body(CommandBody.class);
        Map<String, Object> body = command.body() == null ? Map.of() : command.body();
        Object room = body.containsKey("roomId") ? body.get("roomId") : body.get("groupId");
        if (room == null) {
            ctx.writeAndFlush(Frame.of(Command.COMMAND_RESULT, frame.requestId(),
                    new CommandResultBody(0, null, Map.of())), ctx.voidPromise());
            return;
        }
        int count = state.join(room.toString(), ctx.channel());
        ctx.writeAndFlush(Frame.of(Command.COMMAND_RESULT, frame.requestId(), new CommandResultBody(0, null,
                Map.of("roomId", room.toString(), "memberCount", count, "seq", 0, "history", List.of()))),
                ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state.offline(userId, ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
