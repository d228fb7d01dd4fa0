package io.parley.plugin.ultragroup;

import io.parley.api.event.PushRequested;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import io.parley.plugin.ultragroup.GroupMembers.GroupInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Asks for pushes to offline members (through {@link PluginContext#requestPush}), after the do-not-disturb
 * levels and the push frequency. The work runs on one thread of its own with a bounded queue
 * ({@code ultragroup.push.queue}): the send path and the fan-out only enqueue, and when the queue is full the
 * message's push is dropped and counted ({@code im.ultragroup.push.dropped}) rather than slowing anything.
 *
 * <p>Frequency: a channel pushes to its offline members at most once per interval ({@code push.interval}, or
 * the group's own, set by {@code /ultragroup/push/frequency/set.json}); the messages in between are not pushed.
 * So each member gets at most one push per interval per channel, and the one O(members) pass over the member
 * list happens at most once per interval per channel. Mentions always notify: the mentioned users are pushed
 * for every message (an {@code @all} mention makes a pass over every member, outside the interval), unless
 * their level is 5 or excludes that kind of mention.
 *
 * <p>Pace: at most {@code push.max-rate} pushes are asked for per second. A pass over a channel of a million
 * offline members therefore takes minutes, during which later messages wait in the bounded queue; the
 * {@code PushRequested} events never flood the event bus (whose listeners, this plugin's fan-out included,
 * have bounded queues). Each pass is timed ({@code im.ultragroup.push.pass}).
 */
final class PushPolicy implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PushPolicy.class);

    private static final int ONLINE_BATCH = 256;

    private final Ultragroups ultragroups;
    private final PluginContext context;
    private final ThreadPoolExecutor worker;
    private final Map<String, Long> lastPass = new ConcurrentHashMap<>();
    private final PluginMetrics.Counter requested;
    private final PluginMetrics.Counter dropped;
    private final PluginMetrics.Counter failed;
    private final PluginMetrics.Timer passes;
    private final long nanosPerPush;
    private long nextPushNanos = System.nanoTime();

    PushPolicy(Ultragroups ultragroups, PluginContext context) {
        this.ultragroups = ultragroups;
        this.context = context;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ultragroups.config().pushQueue()), task -> {
                    Thread thread = new Thread(task, "parley-ultragroup-push");
                    thread.setDaemon(true);
                    return thread;
                });
        context.metrics().describe("im.ultragroup.push.requested", "Pushes requested for offline ultragroup members")
                .describe("im.ultragroup.push.dropped", "Ultragroup messages whose push pass was dropped: its queue was"
                        + " full")
                .describe("im.ultragroup.push.pass", "Time one message's push pass over the group's members took")
                .describe("im.ultragroup.push.failed", "Ultragroup push passes that failed")
                .describe("im.ultragroup.push.queue", "Ultragroup messages waiting for their push pass");
        this.requested = context.metrics().counter("im.ultragroup.push.requested");
        this.dropped = context.metrics().counter("im.ultragroup.push.dropped");
        this.passes = context.metrics().timer("im.ultragroup.push.pass");
        this.failed = context.metrics().counter("im.ultragroup.push.failed");
        this.nanosPerPush = 1_000_000_000L / ultragroups.config().pushMaxRate();
        context.metrics().gauge("im.ultragroup.push.queue", () -> worker.getQueue().size());
    }

    void offer(Message message, Target target, Mentions mentions) {
        try {
            worker.execute(() -> {
                try {
                    push(message, target, mentions);
                } catch (RuntimeException e) {
                    if (!worker.isShutdown()) {
                        failed.increment();
                        log.warn("offline pushes for {} in {} failed", message.messageUid(), target.asTargetId(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void push(Message message, Target target, Mentions mentions) {
        Directory directory = ultragroups.directory();
        Optional<GroupInfo> group = directory.groups().group(target.groupId());
        Optional<ChannelInfo> channel = directory.channels().channel(target.groupId(), target.channelId());
        if (group.isEmpty() || channel.isEmpty()) {
            return;
        }
        Set<String> pushed = new HashSet<>();
        int groupDefault = directory.levels().groupDefaultLevel(target.groupId(), target.channelId());
        List<String> mentionedMembers = new ArrayList<>();
        for (String user : mentions.users()) {
            if (directory.groups().isMember(target.groupId(), user)) {
                mentionedMembers.add(user);
            }
        }
        considerAll(mentionedMembers, message, target, channel.get(), true, pushed, groupDefault);
        long now = context.clock().millis();
        long interval = group.get().pushIntervalMillis() >= 0 ? group.get().pushIntervalMillis()
                : ultragroups.config().pushInterval().toMillis();
        String channelKey = target.asTargetId();
        boolean pass = mentions.all();
        if (!pass) {
            Long last = lastPass.get(channelKey);
            pass = last == null || now - last >= interval;
            if (pass) {
                lastPass.put(channelKey, now);
            }
        }
        if (pass) {
            long start = System.nanoTime();
            if (!considerAll(directory.groups().members(target.groupId()), message, target, channel.get(), mentions.all(),
                    pushed, groupDefault)) {
                return; // the server is stopping
            }
            passes.record(java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * {@link #consider}s members, asking which are online {@value #ONLINE_BATCH} at a time (with several nodes, one
     * read of the shared directory per batch rather than one per member). False when the server is stopping.
     */
    private boolean considerAll(List<String> users, Message message, Target target, ChannelInfo channel,
            boolean mentioned, Set<String> pushed, int groupDefault) {
        for (int from = 0; from < users.size(); from += ONLINE_BATCH) {
            List<String> batch = users.subList(from, Math.min(users.size(), from + ONLINE_BATCH));
            Set<String> online = context.online().onlineAmong(batch);
            for (String user : batch) {
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
                if (!online.contains(user)) {
                    consider(user, message, target, channel, mentioned, pushed, groupDefault);
                }
            }
        }
        return true;
    }

    /**
     * One offline member (its membership already known): push it if it may read the channel and its level allows.
     */
    private void consider(String user, Message message, Target target, ChannelInfo channel, boolean mentioned,
            Set<String> pushed, int groupDefault) {
        Directory directory = ultragroups.directory();
        if (user.equals(message.fromUserId()) || pushed.contains(user)
                || !directory.channels().mayAccess(target.groupId(), target.channelId(), user, channel)) {
            return;
        }
        int level = directory.levels().effectiveLevel(user, target.groupId(), target.channelId(), groupDefault);
        if (!allows(level, mentioned, message, user)) {
            return;
        }
        pushed.add(user);
        pace();
        requested.increment();
        context.requestPush(new PushRequested(user, message, target.channelId(), mentioned, level, -1,
                context.clock().millis()));
    }

    /** Waits, on the push thread, so that pushes are asked for at most {@code push.max-rate} per second. */
    private void pace() {
        long now = System.nanoTime();
        nextPushNanos = Math.max(nextPushNanos + nanosPerPush, now - 1_000_000_000L);
        long wait = nextPushNanos - now;
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** RongCloud's levels: -1 and 0 everything, 1 any mention, 2 @me only, 4 @all only, 5 nothing. */
    static boolean allows(int level, boolean mentioned, Message message, String user) {
        return switch (level) {
            case -1, 0 -> true;
            case 1 -> mentioned;
            case 2 -> mentioned && Mentions.of(message.content()).users().contains(user);
            case 4 -> mentioned && Mentions.of(message.content()).all();
            default -> false;
        };
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
