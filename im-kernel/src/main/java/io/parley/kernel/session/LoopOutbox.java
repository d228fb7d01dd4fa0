package io.parley.kernel.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames that threads off an event loop (storage completion, stripes, workers) send to that loop's connections,
 * written by one task per burst instead of one task per frame: a sender queues the frame, and the first frame queued
 * since the last drain schedules a drain on the loop, which writes everything queued and flushes each connection
 * once. A burst of acks and deliveries costs the loop one wake-up and each connection one write syscall. Frames to
 * one connection keep their queue order. Thread-safe; {@link #send} never blocks.
 */
public final class LoopOutbox implements Runnable {
    private record Outgoing(Channel channel, Object message) {
    }

    /** The most frames one drain writes. */
    static final int MAX_PER_DRAIN = 4096;

    private final EventLoop loop;
    private final Queue<Outgoing> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The connections written in the drain under way; loop thread only. */
    private final List<Channel> toFlush = new ArrayList<>();

    LoopOutbox(EventLoop loop) {
        this.loop = loop;
    }

    /** Queues {@code message} for {@code channel} (a connection of this loop). Any thread off the loop. */
    void send(Channel channel, Object message) {
        queue.offer(new Outgoing(channel, message));
        if (!scheduled.get()) {
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false);
                queue.clear();
            }
        }
    }

    /**
     * On the loop: writes what is queued, at most {@value #MAX_PER_DRAIN} frames so that the loop gets back to its
     * reads between drains, then flushes each connection written once; what is left is drained by the next task.
     */
    @Override
    public void run() {
        // cleared first: a frame queued from here on schedules the next drain (which may find nothing left)
        scheduled.set(false);
        Outgoing outgoing;
        for (int drained = 0; drained < MAX_PER_DRAIN && (outgoing = queue.poll()) != null; drained++) {
            Channel channel = outgoing.channel();
            if (channel.isActive()) {
                channel.write(outgoing.message(), channel.voidPromise());
                if (toFlush.isEmpty() || toFlush.get(toFlush.size() - 1) != channel) {
                    toFlush.add(channel);
                }
            }
        }
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flush();
        }
        toFlush.clear();
        if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }
}
