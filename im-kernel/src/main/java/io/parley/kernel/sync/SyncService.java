package io.parley.kernel.sync;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.WireMessages;
import io.parley.api.plugin.BusinessType;
import java.util.Optional;
import io.parley.kernel.recall.RecallMarks;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers SYNC: a page of the user's inbox after a cursor, and pages of conversation logs after
 * per-conversation cursors (read diffusion). Entries older than the offline-cache window are skipped, and a
 * recalled message is served as its recall note. Blocks
 * on storage reads; called on a worker thread.
 */
public final class SyncService {
    public static final int MAX_PAGE = 200;

    private final MessageStore store;
    private final RecallMarks recalls;
    private final Clock clock;
    private final Duration offlineRetention;
    private final BusinessTypeRegistry businessTypes;

    public SyncService(MessageStore store, RecallMarks recalls, Clock clock, Duration offlineRetention) {
        this(store, recalls, clock, offlineRetention, new BusinessTypeRegistry(List.of()));
    }

    /**
     * @param businessTypes the installed types: besides private chats, a type's conversation cursors are served
     *     when its business type says which key the user may read ({@link BusinessType#readableKey})
     */
    public SyncService(MessageStore store, RecallMarks recalls, Clock clock, Duration offlineRetention,
            BusinessTypeRegistry businessTypes) {
        this.store = store;
        this.recalls = recalls;
        this.clock = clock;
        this.offlineRetention = offlineRetention;
        this.businessTypes = businessTypes;
    }

    public SyncResultBody sync(String userId, SyncBody request) {
        int limit = request.limit() <= 0 ? MAX_PAGE : Math.min(request.limit(), MAX_PAGE);
        List<WireMessage> inbox = new ArrayList<>();
        long inboxCursor = 0;
        boolean finished = true;
        if (request.inboxAfter() != null) {
            if (request.inboxAfter() < 0) {
                throw new ImException(StandardErrorCode.INVALID_PARAMETER, "inboxAfter must not be negative");
            }
            InboxPage page = store.readInbox(userId, request.inboxAfter(), limit, notBefore());
            for (InboxEntry entry : page.entries()) {
                inbox.add(WireMessages.forUser(recalls.present(entry.message()), userId, entry.inboxSeq()));
            }
            inboxCursor = page.nextCursor();
            finished = page.finished();
        }
        List<WireMessage> conversations = new ArrayList<>();
        if (request.conversations() != null) {
            for (ConversationCursor cursor : request.conversations()) {
                Readable readable = readableKey(userId, cursor);
                ConversationKey key = readable.key();
                List<Message> messages = store.readConversation(key, cursor.afterSeq(), limit);
                // private chats follow the offline-cache window; a read-diffusion type's log is trimmed by
                // its own retention (retention.ultra-group), and its business type decides what a reader sees
                long notBefore = readable.handler().isEmpty() ? notBefore() : Long.MIN_VALUE;
                for (Message message : messages) {
                    if (message.sentTime() < notBefore) {
                        continue;
                    }
                    Optional<Message> shown = readable.handler().isEmpty() ? Optional.of(message)
                            : readable.handler().get().presentTo(userId, message);
                    shown.ifPresent(m -> conversations.add(WireMessages.forUser(recalls.present(m), userId, 0)));
                }
                if (!messages.isEmpty() && messages.get(messages.size() - 1).seq() < store.conversationHead(key)) {
                    finished = false;
                }
            }
        }
        return new SyncResultBody(inbox, inboxCursor, conversations, finished);
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
        ConversationType type = ConversationType.fromCode(cursor.conversationType()).orElseThrow(
                () -> new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                        "unknown conversation type " + cursor.conversationType()));
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
