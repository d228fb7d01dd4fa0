package io.parley.kernel.sync;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.session.WireMessages;
import io.parley.api.plugin.BusinessType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import io.parley.kernel.message.MessageViews;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.ConversationHead;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers SYNC: a page of the user's inbox after a cursor, pages of conversation logs after per-conversation cursors
 * (read diffusion: groups, ultragroup channels), with the cursor each page reached, and, when asked, the heads of
 * the user's groups. Entries older than the offline-cache window are skipped, what the business type hides from a
 * reader is left out (but counted in the cursor), and a recalled message is served as its recall note. Blocks on
 * storage reads; called on a worker thread.
 */
@Singleton
public final class SyncService {
    public static final int MAX_PAGE = 200;
    /**
     * Roughly the most bytes of messages one SYNC answers (a page always holds at least one message): with
     * {@value #MAX_PAGE} messages of up to {@code message.max-content-bytes} each, a page could otherwise be tens of
     * megabytes, and the bound on what a connection may leave unread would mean little. What is cut comes next page.
     */
    public static final int MAX_PAGE_BYTES = 1 << 20;
    /** What a message costs on the wire beside its strings, roughly. */
    private static final int MESSAGE_OVERHEAD_BYTES = 96;
    /** Heads answered per SYNC. */
    public static final int HEADS_PAGE = 500;

    private final MessageStore store;
    private final MessageViews recalls;
    private final Clock clock;
    private final Duration offlineRetention;
    private final BusinessTypeRegistry businessTypes;
    private final boolean readsByTime;

    /** The server's sync: the offline window as configured, reads by time when the storage provider can. */
    @Inject
    public SyncService(StorageProvider storage, MessageViews recalls, Clock clock, KernelConfig config,
            BusinessTypeRegistry businessTypes) {
        this(storage.messages(), recalls, clock, config.offlineRetention(), businessTypes,
                storage.capabilities().contains(StorageCapability.HISTORY_BY_TIME));
    }

    public SyncService(MessageStore store, MessageViews recalls, Clock clock, Duration offlineRetention) {
        this(store, recalls, clock, offlineRetention, new BusinessTypeRegistry(List.of()), false);
    }

    /**
     * @param businessTypes the installed types: besides private chats, a type's conversation cursors are served
     *     when its business type says which key the user may read ({@link BusinessType#readableKey})
     * @param readsByTime whether the store can find a seq by time ({@code HISTORY_BY_TIME}), so that a cursor far
     *     behind skips the messages past the offline window at once
     */
    public SyncService(MessageStore store, MessageViews recalls, Clock clock, Duration offlineRetention,
            BusinessTypeRegistry businessTypes, boolean readsByTime) {
        this.readsByTime = readsByTime;
        this.store = store;
        this.recalls = recalls;
        this.clock = clock;
        this.offlineRetention = offlineRetention;
        this.businessTypes = businessTypes;
    }

    public SyncResultBody sync(String userId, SyncBody request) {
        int limit = request.limit() <= 0 ? MAX_PAGE : Math.min(request.limit(), MAX_PAGE);
        List<WireMessage> inbox = new ArrayList<>();
        PageBytes bytes = new PageBytes();
        long inboxCursor = 0;
        boolean finished = true;
        if (request.inboxAfter() != null) {
            if (request.inboxAfter() < 0) {
                throw new ImException(StandardErrorCode.INVALID_PARAMETER, "inboxAfter must not be negative");
            }
            InboxPage page = store.readInbox(userId, request.inboxAfter(), limit, notBefore());
            inboxCursor = page.nextCursor();
            finished = page.finished();
            for (InboxEntry entry : page.entries()) {
                if (bytes.full()) {
                    // the rest comes next page, from the last entry served
                    inboxCursor = inbox.get(inbox.size() - 1).inboxSeq();
                    finished = false;
                    break;
                }
                WireMessage message = WireMessages.forUser(recalls.present(entry.message()), userId, entry.inboxSeq());
                inbox.add(message);
                bytes.add(message);
            }
        }
        List<WireMessage> conversations = new ArrayList<>();
        List<ConversationCursor> cursors = new ArrayList<>();
        if (request.conversations() != null) {
            for (ConversationCursor cursor : request.conversations()) {
                Pulled pulled = pull(userId, cursor, limit, conversations, bytes);
                cursors.add(pulled.cursor());
                if (pulled.behind()) {
                    finished = false;
                }
            }
        }
        List<ConversationHead> heads = null;
        String headsNext = null;
        if (request.headsAfter() != null) {
            heads = new ArrayList<>();
            headsNext = heads(userId, request.headsAfter(), heads);
        }
        return new SyncResultBody(inbox, inboxCursor, conversations, finished, cursors, heads, headsNext);
    }

    /** One conversation's page: the cursor to send next, and whether the conversation has more after it. */
    private record Pulled(ConversationCursor cursor, boolean behind) {
    }

    /** The bytes of messages a page holds so far, against {@link #MAX_PAGE_BYTES}. */
    private static final class PageBytes {
        private long used;

        boolean full() {
            return used >= MAX_PAGE_BYTES;
        }

        void add(WireMessage message) {
            used += MESSAGE_OVERHEAD_BYTES + length(message.content()) + length(message.pushContent())
                    + length(message.pushData()) + length(message.objectName()) + length(message.targetId())
                    + length(message.fromUserId());
        }

        private static int length(String value) {
            return value == null ? 0 : value.length();
        }
    }

    /**
     * Pulls one conversation after its cursor into {@code into}; answers the cursor to send next: the last seq the
     * page covered, counting the seqs this reader is not shown (hidden by the business type, deleted, or past the
     * offline window, which is skipped at once where the store reads by time).
     */
    private Pulled pull(String userId, ConversationCursor cursor, int limit, List<WireMessage> into, PageBytes bytes) {
        Readable readable = readableKey(userId, cursor);
        ConversationKey key = readable.key();
        if (bytes.full()) {
            // the page is full: this conversation waits for the next SYNC, its cursor unchanged
            return new Pulled(cursor, cursor.afterSeq() < store.conversationHead(key));
        }
        // private chats and groups follow the offline-cache window; a plugin's read-diffusion type has its own
        // retention (retention.ultra-group), and its business type decides what a reader sees
        boolean windowed = key.type() == ConversationType.PRIVATE || key.type() == ConversationType.GROUP;
        long notBefore = windowed ? notBefore() : Long.MIN_VALUE;
        long after = Math.max(0, cursor.afterSeq());
        if (windowed) {
            after = Math.max(after, skipTo(key, notBefore));
        }
        long headBefore = store.conversationHead(key);
        List<Message> messages = store.readConversation(key, after, limit);
        long covered = after;
        boolean cut = false;
        for (Message message : messages) {
            if (bytes.full()) {
                cut = true;
                break;
            }
            covered = message.seq();
            if (message.sentTime() < notBefore) {
                continue;
            }
            Optional<Message> shown = readable.handler().isEmpty() ? Optional.of(message)
                    : readable.handler().get().presentTo(userId, message);
            shown.ifPresent(m -> {
                WireMessage wire = WireMessages.forUser(recalls.present(m), userId, 0);
                into.add(wire);
                bytes.add(wire);
            });
        }
        if (!cut && messages.size() < limit) {
            // everything up to the head seen before the read was read: what is not here is not shown to anyone
            covered = Math.max(covered, headBefore);
        }
        long next = Math.max(cursor.afterSeq(), covered);
        return new Pulled(new ConversationCursor(cursor.conversationType(), cursor.targetId(), next),
                next < store.conversationHead(key));
    }

    /** The seq before the first message at or after {@code notBefore}, where the store reads by time; else 0. */
    private long skipTo(ConversationKey key, long notBefore) {
        if (!readsByTime) {
            return 0;
        }
        return store.seqAtTime(key, notBefore) - 1;
    }

    /**
     * Fills {@code into} with up to {@value #HEADS_PAGE} heads of the conversations the user follows by cursor
     * (their groups), after {@code after} in target order; returns the next page's {@code headsAfter}, or null.
     */
    private String heads(String userId, String after, List<ConversationHead> into) {
        Optional<BusinessType> groups = businessTypes.find(ConversationType.GROUP);
        if (groups.isEmpty()) {
            return null;
        }
        List<String> followed = groups.get().followedBy(userId);
        for (String target : followed) {
            if (target.compareTo(after) <= 0) {
                continue;
            }
            if (into.size() == HEADS_PAGE) {
                return into.get(into.size() - 1).targetId();
            }
            ConversationKey key = groups.get().conversationKey(userId, target);
            into.add(new ConversationHead(ConversationType.GROUP.code(), target, store.conversationHead(key)));
        }
        return null;
    }

    private long notBefore() {
        return clock.millis() - offlineRetention.toMillis();
    }

    private record Readable(ConversationKey key, Optional<BusinessType> handler) {
    }

    /**
     * Only conversations the user takes part in may be pulled: private chats, and the conversations of a type
     * whose business type serves reads by cursor ({@link BusinessType#readableKey}) and lets this user read.
     */
    private Readable readableKey(String userId, ConversationCursor cursor) {
        ConversationType type = ConversationType.ofCode(cursor.conversationType());
        if (cursor.targetId() == null || cursor.targetId().isEmpty()) {
            throw ImException.invalidParameter("a conversation cursor needs a targetId");
        }
        if (type == ConversationType.PRIVATE) {
            return new Readable(ConversationKey.privateChat(userId, cursor.targetId()), Optional.empty());
        }
        Optional<BusinessType> handler = businessTypes.find(type);
        Optional<ConversationKey> key = handler.flatMap(h -> h.readableKey(userId, cursor.targetId()));
        if (key.isEmpty()) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    "conversation cursors are not served for " + type);
        }
        return new Readable(key.get(), handler);
    }
}
