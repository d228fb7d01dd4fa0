package io.parley.kernel.message;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.event.MessageCommitted;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.Recipients;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.dispatch.KeyedWork;
import io.parley.kernel.dispatch.StripeWork;
import io.parley.kernel.dispatch.StripedExecutor;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.metrics.KernelMetrics;
import io.parley.kernel.statistics.StatisticsRecorder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of every message, whoever sends it: validate, hand to the conversation's stripe, let the
 * business type resolve recipients, walk the interceptors, commit (UID, time, then the store's seqs in one
 * durable batch), deliver, call the commit hooks, and tell listeners. The returned future completes after the commit
 * is durable. Notices ({@link #notice}) take the same path from the stripe on, without interceptors.
 *
 * <p>Admission control: at most {@code maxInFlight} messages are between acceptance and commit at once; past it a
 * send fails at once with {@code SERVER_BUSY} (nothing stored) rather than wait behind the others, so a flood costs
 * its senders a retry and no one else a queue. Thread-safe and non-blocking for the caller.
 */
@Singleton
public final class MessagePipeline implements MessagePublisher {
    private static final Logger log = LoggerFactory.getLogger(MessagePipeline.class);
    private static final String READ_SYNC = "RC:SRSMsg";

    private final BusinessTypeRegistry businessTypes;
    private final MessageTypeRegistry messageTypes;
    private final InterceptorChain interceptors;
    private final MessageStore store;
    private final StripedExecutor stripes;
    private final DeliveryService delivery;
    private final EventBus events;
    private final MessageUidGenerator uids;
    private final CommitHooks hooks;
    private final KernelMetrics metrics;
    private final StatisticsRecorder statistics;
    private final Clock clock;
    private final int maxContentBytes;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The server's write path: content size and messages in flight bounded as configured. */
    @Inject
    public MessagePipeline(BusinessTypeRegistry businessTypes, MessageTypeRegistry messageTypes,
            InterceptorChain interceptors, MessageStore store, StripedExecutor stripes, DeliveryService delivery,
            EventBus events, MessageUidGenerator uids, CommitHooks hooks, KernelMetrics metrics,
            StatisticsRecorder statistics, Clock clock, KernelConfig config) {
        this(businessTypes, messageTypes, interceptors, store, stripes, delivery, events, uids, hooks, metrics,
                statistics, clock, config.maxContentBytes(), config.maxInFlight());
    }

    public MessagePipeline(BusinessTypeRegistry businessTypes, MessageTypeRegistry messageTypes,
            InterceptorChain interceptors, MessageStore store, StripedExecutor stripes, DeliveryService delivery,
            EventBus events, MessageUidGenerator uids, CommitHooks hooks, KernelMetrics metrics,
            StatisticsRecorder statistics, Clock clock, int maxContentBytes, int maxInFlight) {
        this.statistics = statistics;
        this.hooks = hooks;
        this.businessTypes = businessTypes;
        this.messageTypes = messageTypes;
        this.interceptors = interceptors;
        this.store = store;
        this.stripes = stripes;
        this.delivery = delivery;
        this.events = events;
        this.uids = uids;
        this.metrics = metrics;
        this.clock = clock;
        this.maxContentBytes = maxContentBytes;
        this.maxInFlight = maxInFlight;
    }

    /** Why new sends are about to be refused as busy: 80% or more of the in-flight bound taken. */
    public Optional<String> busyReason() {
        int now = inFlight.get();
        return now >= maxInFlight * 0.8 ? Optional.of(now + " messages in flight (message.max-in-flight is "
                + maxInFlight + ")") : Optional.empty();
    }

    @Override
    public CompletionStage<Message> publish(OutgoingMessage message) {
        return send(message, "").thenApply(CommitResult::message);
    }

    @Override
    public CompletionStage<Message> publishStatus(OutgoingMessage message) {
        return send(message, "", true).thenApply(CommitResult::message);
    }

    /** Sends one message; {@code clientIp} is {@code ip:port} of the sending device, or empty for the server API. */
    public CompletableFuture<CommitResult> send(OutgoingMessage message, String clientIp) {
        return send(message, clientIp, false);
    }

    /**
     * Sends one message; with {@code asStatus} it is handled as a status message whatever its type (never
     * stored, online devices only), as the server API's status-message endpoints ask.
     */
    public CompletableFuture<CommitResult> send(OutgoingMessage message, String clientIp, boolean asStatus) {
        long startNanos = System.nanoTime();
        CompletableFuture<CommitResult> result = new CompletableFuture<>();
        BusinessType businessType;
        MessageType type;
        ConversationKey key;
        try {
            validate(message);
            if (Message.isNoticeSender(message.fromUserId())) {
                // only notices come from such a sender: that is how a stored message is told to be one
                throw new ImException(StandardErrorCode.INVALID_MESSAGE, "fromUserId '" + message.fromUserId()
                        + "' is reserved for plugins' notices (ConversationService.notify)");
            }
            businessType = businessTypes.get(message.conversationType());
            MessageType registered = messageTypes.resolve(message.objectName());
            type = asStatus ? new MessageType(registered.objectName(), MessageKind.STATUS) : registered;
            key = businessType.conversationKey(message);
        } catch (RuntimeException e) {
            metrics.rejected();
            statistics.sendRefused(e);
            return CompletableFuture.failedFuture(e);
        }
        if (!admit(result)) {
            return result;
        }
        stripes.execute(key.asString(), new Send(message, businessType, type, key, clientIp, startNanos, result));
        return result;
    }

    /**
     * Sends a {@link MessageKind#NOTICE notice} to conversation {@code key}: on the conversation's stripe, in order
     * with its messages, to the recipients {@code recipients} names there (read on the stripe; it may block briefly on
     * metadata), without interceptors, as a message that is stored and synced but never shown.
     */
    public CompletableFuture<Message> notice(ConversationKey key, String fromUserId, String targetId,
            String objectName, String content, java.util.function.Supplier<Recipients> recipients) {
        long startNanos = System.nanoTime();
        CompletableFuture<CommitResult> result = new CompletableFuture<>();
        BusinessType businessType;
        OutgoingMessage notice;
        try {
            businessType = businessTypes.get(key.type());
            notice = new OutgoingMessage(key.type(), fromUserId, targetId, objectName, content, Optional.empty(),
                    Optional.empty(), false, false, false, java.util.UUID.randomUUID().toString(), Optional.empty(),
                    List.of(), true);
            validate(notice);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!admit(result)) {
            return result.thenApply(CommitResult::message);
        }
        MessageType type = new MessageType(objectName, MessageKind.NOTICE);
        stripes.execute(key.asString(), KeyedWork.of(() -> {
            try {
                return commit(businessType, notice, type, key, recipients.get(), "", startNanos, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return null;
            }
        }, reason -> refusedBusy(result, reason)));
        return result.thenApply(CommitResult::message);
    }

    /**
     * A client's or the server API's message on its conversation's stripe: the business type resolves its recipients,
     * the interceptors walk (perhaps waiting for an answer, without holding the stripe), then it is committed.
     */
    private final class Send implements KeyedWork, InterceptorChain.Outcome {
        private final OutgoingMessage message;
        private final BusinessType businessType;
        private final MessageType type;
        private final ConversationKey key;
        private final String clientIp;
        private final long startNanos;
        private final CompletableFuture<CommitResult> result;
        private Recipients recipients;

        Send(OutgoingMessage message, BusinessType businessType, MessageType type, ConversationKey key,
                String clientIp, long startNanos, CompletableFuture<CommitResult> result) {
            this.message = message;
            this.businessType = businessType;
            this.type = type;
            this.key = key;
            this.clientIp = clientIp;
            this.startNanos = startNanos;
            this.result = result;
        }

        @Override
        public CompletionStage<StripeWork> run() {
            try {
                Recipients resolved = businessType.resolveRecipients(message);
                // a read-position sync is for the sender's other devices only
                recipients = message.objectName().equals(READ_SYNC)
                        ? new Recipients(List.of(message.fromUserId())) : resolved;
            } catch (RuntimeException e) {
                refuse(e);
                return null;
            }
            return interceptors.walk(message, this);
        }

        @Override
        public CompletionStage<StripeWork> accepted(OutgoingMessage accepted) {
            try {
                return commit(businessType, accepted, type, key, recipients, clientIp, startNanos, result);
            } catch (RuntimeException e) {
                refuse(e);
                return null;
            }
        }

        @Override
        public void refused(ImException refusal) {
            refuse(refusal);
        }

        @Override
        public void notRun(String reason) {
            refusedBusy(result, reason);
        }

        private void refuse(RuntimeException e) {
            metrics.rejected();
            statistics.sendRefused(e);
            result.completeExceptionally(e);
        }
    }

    /**
     * Fails {@code result} as busy, which frees its permit: the conversation's stripe is full
     * ({@code dispatch.max-queued-per-stripe}), the conversation has too many messages waiting behind one whose check
     * has not answered ({@code dispatch.max-waiting-per-conversation}), or the server is stopping.
     */
    private void refusedBusy(CompletableFuture<CommitResult> result, String reason) {
        metrics.refusedBusy();
        statistics.refused(StandardErrorCode.SERVER_BUSY.code());
        result.completeExceptionally(new ImException(StandardErrorCode.SERVER_BUSY, reason + "; retry later"));
    }

    /** Takes an in-flight permit for {@code result}, freed when it completes; or fails it as busy. */
    private boolean admit(CompletableFuture<CommitResult> result) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            metrics.refusedBusy();
            statistics.refused(StandardErrorCode.SERVER_BUSY.code());
            result.completeExceptionally(new ImException(StandardErrorCode.SERVER_BUSY, maxInFlight
                    + " messages are in flight (message.max-in-flight); retry later"));
            return false;
        }
        result.whenComplete((done, failure) -> inFlight.decrementAndGet());
        return true;
    }

    /**
     * Commits an accepted message: the store's append (not waited for: the store keeps the stripe's order), or the
     * business type's own commit, which may answer later; then {@link #finish}. Returns what the conversation still
     * waits for, as the stripe's next step, or null.
     */
    private CompletionStage<StripeWork> commit(BusinessType businessType, OutgoingMessage accepted, MessageType type,
            ConversationKey key, Recipients recipients, String clientIp, long startNanos,
            CompletableFuture<CommitResult> result) {
        long now = clock.millis();
        Message draft = new Message(key, accepted.fromUserId(), accepted.targetId(), accepted.objectName(),
                accepted.content(), accepted.pushContent(), accepted.pushData(),
                accepted.persisted() && type.kind().shown(), accepted.counted() && type.kind() == MessageKind.COUNTED, accepted.clientMsgId(),
                accepted.source(), 0, uids.next(now), now, accepted.disablePush());
        if (businessType.keepsOwnMessages()) {
            return commitOwn(businessType, draft, type.kind(), clientIp, startNanos, result);
        }
        if (!type.kind().stored()) {
            delivery.deliver(draft, recipients, Map.of());
            finish(new CommitResult(draft, Map.of(), false), type.kind(), clientIp, startNanos, result);
            return null;
        }
        String idempotencyKey = accepted.fromUserId() + "\u0000" + accepted.clientMsgId();
        store.append(new AppendRequest(draft, recipients.inboxOwners(), idempotencyKey)).whenComplete(
                (appended, failure) -> {
                    if (failure != null) {
                        ImException refusal = failure instanceof ImException error ? error
                                : new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                                        "the message could not be stored", failure);
                        statistics.sendRefused(refusal);
                        result.completeExceptionally(refusal);
                        return;
                    }
                    CommitResult committed = new CommitResult(appended.message(), appended.inboxSeqs(),
                            appended.duplicate());
                    if (!appended.duplicate()) {
                        try {
                            delivery.deliver(appended.message(), recipients, appended.inboxSeqs());
                        } catch (RuntimeException e) {
                            // the message is durable: devices find it by SYNC, and the sender is answered below
                            log.warn("delivering {} failed", appended.message().messageUid(), e);
                        }
                    }
                    finish(committed, type.kind(), clientIp, startNanos, result);
                });
        return null;
    }

    /** A type that keeps its own messages commits this one; when it answers later, the conversation waits for it. */
    private CompletionStage<StripeWork> commitOwn(BusinessType businessType, Message draft, MessageKind kind,
            String clientIp, long startNanos, CompletableFuture<CommitResult> result) {
        CompletionStage<Message> committed = businessType.commitOwnAsync(draft, kind);
        if (committed instanceof CompletableFuture<Message> answered && answered.isDone()
                && !answered.isCompletedExceptionally()) {
            finish(new CommitResult(answered.join(), Map.of(), false), kind, clientIp, startNanos, result);
            return null;
        }
        return committed.handle((message, failure) -> () -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                RuntimeException refusal = cause instanceof ImException error ? error
                        : new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "the message could not be kept", cause);
                statistics.sendRefused(refusal);
                result.completeExceptionally(refusal);
            } else {
                finish(new CommitResult(message, Map.of(), false), kind, clientIp, startNanos, result);
            }
            return null;
        });
    }

    /**
     * Records and announces a commit (commit hooks, then listeners), then answers it: always, so that its in-flight
     * permit is always freed.
     */
    private void finish(CommitResult commit, MessageKind kind, String clientIp, long startNanos,
            CompletableFuture<CommitResult> result) {
        try {
            if (!commit.duplicate()) {
                metrics.committed(System.nanoTime() - startNanos);
                if (kind != MessageKind.STATUS && kind != MessageKind.NOTICE) {
                    statistics.messageCommitted(commit.message().conversation().type(), commit.message().objectName());
                }
                if (kind != MessageKind.STATUS) {
                    hooks.afterCommit(commit.message(), kind);
                }
                if (events.hasListeners()) {
                    events.publish(new MessageCommitted(commit.message(), commit.inboxSeqs(), clientIp, clock.millis()));
                }
            }
        } finally {
            result.complete(commit);
        }
    }

    private void validate(OutgoingMessage message) {
        if (message.clientMsgId().isEmpty() || message.clientMsgId().length() > 64) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE, "clientMsgId must be 1 to 64 characters");
        }
        if (message.targetId().isEmpty()) {
            throw new ImException(StandardErrorCode.INVALID_MESSAGE, "targetId is required");
        }
        int contentBytes = message.content().getBytes(StandardCharsets.UTF_8).length;
        if (contentBytes > maxContentBytes) {
            throw new ImException(StandardErrorCode.LENGTH_EXCEEDED,
                    "content of " + contentBytes + " bytes exceeds message.max-content-bytes=" + maxContentBytes);
        }
    }
}
