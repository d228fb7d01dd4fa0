package io.parley.kernel.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.parley.api.model.Platform;
import io.parley.api.plugin.OnlineDirectory.OnlineDevice;
import io.parley.kernel.metrics.KernelMetrics;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.KickedBody;

/**
 * One authenticated connection of one device. Writing to it is thread-safe and never blocks: on its event loop a
 * frame is written at once; from another thread it goes through the loop's {@link LoopOutbox}, which writes the
 * frames of a burst in one task and flushes each connection once, in call order per connection.
 */
public final class Session {
    private final String userId;
    private final String deviceId;
    private final Platform platform;
    private final String sessionId;
    private final String clientIp;
    private final long issuedAtMillis;
    private final long connectedAtMillis;
    private final Channel channel;
    private final LoopOutbox outbox;
    private final KernelMetrics metrics;

    public Session(String userId, String deviceId, Platform platform, String sessionId, String clientIp,
            long issuedAtMillis, long connectedAtMillis, Channel channel, LoopOutbox outbox, KernelMetrics metrics) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.platform = platform;
        this.sessionId = sessionId;
        this.clientIp = clientIp;
        this.issuedAtMillis = issuedAtMillis;
        this.connectedAtMillis = connectedAtMillis;
        this.channel = channel;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public void send(Frame frame) {
        if (channel.isActive()) {
            metrics.frameOut(frame.command());
            if (channel.eventLoop().inEventLoop()) {
                channel.writeAndFlush(frame, channel.voidPromise());
            } else {
                outbox.send(channel, frame);
            }
        }
    }

    /**
     * Whether this connection should get a shared frame now: it is open, and, for a droppable frame, its
     * outbound buffer is under its high-water mark (a slow consumer skips droppable frames). Any thread.
     */
    public boolean accepts(boolean droppable) {
        return channel.isActive() && (!droppable || channel.isWritable());
    }

    /** The wire format of this connection, so that a fan-out can encode each format once. */
    public WireFormat wireFormat() {
        WireFormat format = channel.attr(WireFormat.KEY).get();
        return format == null ? WireFormat.STREAM : format;
    }

    /** Writes and flushes a shared frame. Must run on this channel's event loop; allocates nothing on TCP. */
    void writeShared(EncodedFrame frame) {
        metrics.frameOut(frame.frame().command());
        channel.write(frame.messageFor(wireFormat()), channel.voidPromise());
        channel.flush();
    }

    /** Sends KICKED and closes the connection once it is written. */
    public void kick(int code, String reason) {
        if (channel.isActive()) {
            metrics.frameOut(Command.KICKED);
            channel.writeAndFlush(Frame.of(Command.KICKED, 0, new KickedBody(code, reason)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    public OnlineDevice describe() {
        return new OnlineDevice(userId, deviceId, platform, sessionId, clientIp, connectedAtMillis);
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public Platform platform() {
        return platform;
    }

    public String sessionId() {
        return sessionId;
    }

    public String clientIp() {
        return clientIp;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public long issuedAtMillis() {
        return issuedAtMillis;
    }

    public Channel channel() {
        return channel;
    }
}
