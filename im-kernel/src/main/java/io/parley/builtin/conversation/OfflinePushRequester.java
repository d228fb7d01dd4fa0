package io.parley.builtin.conversation;

import io.parley.api.event.PushRequested;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.OfflineHook;
import io.parley.api.plugin.PluginMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a push notification ({@link PushRequested}) for each recipient of a stored, counted private, group or
 * system message who has no online device; never for chatrooms or ultragroups (an ultragroup plugin asks
 * itself). Each request carries the recipient's do-not-disturb level for the conversation, whether the message
 * mentions them, their unread total as the badge (counted from storage at most every 30 s per user, and
 * incremented per push in between: see {@link UnreadBadges}), and the sender's alias for them
 * ({@link io.parley.api.plugin.ConversationService#senderAlias}).
 *
 * <p>It is the conversation plugin's {@link OfflineHook}: {@link #offline} is called from delivery (the storage
 * committer's completion) and never blocks: the storage reads run on this class's own thread, with a bounded queue;
 * when it is full a request is dropped and counted ({@code im.push.requests.dropped}). Requests go out through
 * {@link io.parley.api.plugin.PluginContext#requestPush}, and are made only while someone would hear them
 * ({@link io.parley.api.plugin.PluginContext#pushHeard}).
 */
public final class OfflinePushRequester implements OfflineHook, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OfflinePushRequester.class);
    private static final Set<ConversationType> PUSHED_TYPES =
            Set.of(ConversationType.PRIVATE, ConversationType.GROUP, ConversationType.SYSTEM);
    private static final int QUEUE_SIZE = 50_000;
    /** How often an offline user's unread total is counted from storage; see {@link UnreadBadges}. */
    static final Duration BADGE_REFRESH = Duration.ofSeconds(30);

    private final ConversationStates states;
    private final ConversationListService conversations;
    private final Consumer<PushRequested> sink;
    private final BooleanSupplier anyoneListening;
    private final Clock clock;
    private final PluginMetrics.Counter requested;
    private final PluginMetrics.Counter dropped;
    private final ThreadPoolExecutor executor;
    private final UnreadBadges badges;
    private final BiFunction<String, Message, String> aliases;

    /**
     * @param sink where requests go ({@code PluginContext.requestPush})
     * @param anyoneListening false when no listener would hear a request, so that nothing is computed for nobody
     * @param aliases the name the sender of a message goes by for a recipient
     * @param metrics where {@code im.push.requests} and {@code im.push.requests.dropped} are counted
     */
    public OfflinePushRequester(ConversationStates states, ConversationListService conversations,
            Consumer<PushRequested> sink, BooleanSupplier anyoneListening, BiFunction<String, Message, String> aliases,
            Clock clock, PluginMetrics metrics) {
        this.states = states;
        this.aliases = aliases;
        this.conversations = conversations;
        this.sink = sink;
        this.anyoneListening = anyoneListening;
        this.clock = clock;
        this.requested = metrics.describe("im.push.requests",
                "Push requests made for offline recipients, handed to the push provider").counter("im.push.requests");
        this.dropped = metrics.describe("im.push.requests.dropped",
                "Push requests dropped: the push queue was full, or the request could not be made")
                .counter("im.push.requests.dropped");
        this.badges = new UnreadBadges(clock, BADGE_REFRESH);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_SIZE),
                task -> {
                    Thread thread = new Thread(task, "parley-push-requests");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether a message calls for pushes at all: stored (it has a seq), counted, and of a pushed type. */
    public static boolean pushable(Message message) {
        return message.seq() > 0 && message.counted() && PUSHED_TYPES.contains(message.conversationType());
    }

    @Override
    public void offline(Message message, List<String> offlineUsers) {
        if (offlineUsers.isEmpty() || !pushable(message) || !anyoneListening.getAsBoolean()) {
            return;
        }
        List<String> recipients = offlineUsers.stream().filter(user -> !user.equals(message.fromUserId())).toList();
        if (recipients.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> recipients.forEach(recipient -> request(message, recipient)));
        } catch (RejectedExecutionException e) {
            dropped.increment(recipients.size());
        }
    }

    private void request(Message message, String recipient) {
        try {
            int unpushLevel = states.get(recipient, message.conversationType(), message.targetFor(recipient))
                    .unpushLevel();
            boolean mentioned = MentionParser.mentions(message.content(), recipient);
            int badge = badges.next(recipient, () -> conversations.list(recipient).stream()
                    .mapToInt(ConversationSummary::unreadCount).sum());
            sink.accept(new PushRequested(recipient, message, "", mentioned, unpushLevel, badge, clock.millis(),
                    aliases.apply(recipient, message)));
            requested.increment();
        } catch (RuntimeException e) {
            dropped.increment();
            log.warn("could not request a push to {} for {}", recipient, message.messageUid(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
