package io.parley.kernel.sync;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.message.WireMessages;
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

    public SyncService(MessageStore store, RecallMarks recalls, Clock clock, Duration offlineRetention) {
        this.store = store;
        this.recalls = recalls;
        this.clock = clock;
        this.offlineRetention = offlineRetention;
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
                ConversationKey key = readableKey(userId, cursor);
                List<Message> messages = store.readConversation(key, cursor.afterSeq(), limit);
                long notBefore = notBefore();
                for (Message message : messages) {
                    if (message.sentTime() >= notBefore) {
                        conversations.add(WireMessages.forUser(recalls.present(message), userId, 0));
                    }
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

    /** Only conversations the user takes part in may be pulled; for now that is checked for private chats. */
    private static ConversationKey readableKey(String userId, ConversationCursor cursor) {
        ConversationType type = ConversationType.fromCode(cursor.conversationType()).orElseThrow(
                () -> new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                        "unknown conversation type " + cursor.conversationType()));
        if (type != ConversationType.PRIVATE) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    "conversation cursors are not served for " + type + " yet");
        }
        if (cursor.targetId() == null || cursor.targetId().isEmpty()) {
            throw ImException.invalidParameter("a conversation cursor needs a targetId");
        }
        return ConversationKey.privateChat(userId, cursor.targetId());
    }
}
