package io.parley.client;

import io.parley.protocol.body.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that reaches app code goes through here, onto the client's callback thread (a
 * {@link SerialExecutor}): listener calls, cursor saves, and future completions, all in one order. Called
 * from the event loop; thread-safe.
 */
final class CallbackDispatcher implements PendingSends.Completer {
    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private final SerialExecutor executor;
    private final CursorStore cursorStore;
    /** The messages kept on the device, or null; it is {@link #cursorStore} too then. */
    private final DeviceMessageStore localStore;
    final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    final List<NoticeListener> noticeListeners = new CopyOnWriteArrayList<>();
    final List<ConnectionStatusListener> statusListeners = new CopyOnWriteArrayList<>();
    final List<EventListener> eventListeners = new CopyOnWriteArrayList<>();
    /** Only read and written on the callback thread. */
    private long savedCursor = -1;
    /** Group cursors saved so far; callback thread only. */
    private final Map<String, Long> savedConversations = new java.util.HashMap<>();

    CallbackDispatcher(SerialExecutor executor, CursorStore cursorStore, DeviceMessageStore localStore) {
        this.executor = executor;
        this.cursorStore = cursorStore;
        this.localStore = localStore;
    }

    SerialExecutor executor() {
        return executor;
    }

    <T> ClientFuture<T> newFuture() {
        return new ClientFuture<>(executor);
    }

    /**
     * Hands messages to the listeners, then saves {@code cursorAfter} and tells {@code processed} (to be
     * acknowledged to the server). With a local store, the messages and the cursor are written to it first, in one
     * commit, so that a listener finds them there.
     */
    void messages(List<WireMessage> messages, long cursorAfter, LongConsumer processed) {
        executor.execute(() -> {
            List<ReceivedMessage> received = convert(messages);
            boolean advances = cursorAfter > savedCursor;
            if (localStore != null) {
                keep(received, advances ? SyncPosition.inbox(cursorAfter) : SyncPosition.NONE);
            }
            deliverToListeners(received);
            if (advances) {
                savedCursor = cursorAfter;
                if (localStore == null) {
                    try {
                        cursorStore.save(cursorAfter);
                    } catch (RuntimeException e) {
                        log.warn("cursor store failed to save {}", cursorAfter, e);
                    }
                }
                processed.accept(cursorAfter);
            }
        });
    }

    /**
     * Hands a group's messages to the listeners, then saves the group's cursor {@code cursorAfter} (group cursors
     * are kept on the device only: nothing is acknowledged to the server).
     */
    void conversationMessages(List<WireMessage> messages, String conversation, long cursorAfter) {
        executor.execute(() -> {
            List<ReceivedMessage> received = convert(messages);
            boolean advances = cursorAfter > savedConversations.getOrDefault(conversation, -1L);
            if (localStore != null) {
                keep(received, advances ? SyncPosition.conversation(conversation, cursorAfter) : SyncPosition.NONE);
            }
            deliverToListeners(received);
            if (advances) {
                savedConversations.put(conversation, cursorAfter);
                if (localStore == null) {
                    try {
                        cursorStore.saveConversation(conversation, cursorAfter);
                    } catch (RuntimeException e) {
                        log.warn("cursor store failed to save {} of {}", cursorAfter, conversation, e);
                    }
                }
            }
        });
    }

    /** Writes a batch to the local store; a failure is logged, and the listeners get the batch all the same. */
    private void keep(List<ReceivedMessage> received, SyncPosition position) {
        try {
            localStore.received(received, position);
        } catch (RuntimeException e) {
            log.warn("local store failed to keep {} messages", received.size(), e);
        }
    }

    private static List<ReceivedMessage> convert(List<WireMessage> messages) {
        List<ReceivedMessage> received = new ArrayList<>(messages.size());
        for (WireMessage wire : messages) {
            ReceivedMessage message = ReceivedMessage.fromWire(wire);
            if (message == null) {
                log.warn("dropping message {} of unknown conversation type {}", wire.messageUid(),
                        wire.conversationType());
            } else {
                received.add(message);
            }
        }
        return received;
    }

    /** Forgets a group's cursor: the user left the group. */
    void forgetConversation(String conversation) {
        executor.execute(() -> {
            savedConversations.remove(conversation);
            try {
                cursorStore.forgetConversation(conversation);
            } catch (RuntimeException e) {
                log.warn("cursor store failed to forget {}", conversation, e);
            }
        });
    }

    /** Each message to the message listeners, or, for a plugin's notice, to the notice listeners only. */
    private void deliverToListeners(List<ReceivedMessage> messages) {
        for (ReceivedMessage message : messages) {
            if (message.notice()) {
                for (NoticeListener listener : noticeListeners) {
                    try {
                        listener.onNotice(message);
                    } catch (RuntimeException e) {
                        log.warn("notice listener threw on {}", message.messageUid(), e);
                    }
                }
                continue;
            }
            for (MessageListener listener : messageListeners) {
                try {
                    listener.onMessage(message);
                } catch (RuntimeException e) {
                    log.warn("message listener threw on {}", message.messageUid(), e);
                }
            }
        }
    }

    void status(ConnectionStatus status) {
        executor.execute(() -> {
            for (ConnectionStatusListener listener : statusListeners) {
                try {
                    listener.onStatusChanged(status);
                } catch (RuntimeException e) {
                    log.warn("status listener threw on {}", status, e);
                }
            }
        });
    }

    void event(String name, Map<String, Object> body) {
        Map<String, Object> safeBody = body == null ? Map.of() : body;
        executor.execute(() -> {
            if (localStore != null) {
                try {
                    localStore.eventReceived(name, safeBody);
                } catch (RuntimeException e) {
                    log.warn("local store failed on event {}", name, e);
                }
            }
            for (EventListener listener : eventListeners) {
                try {
                    listener.onEvent(name, safeBody);
                } catch (RuntimeException e) {
                    log.warn("event listener threw on {}", name, e);
                }
            }
        });
    }

    @Override
    public <T> void complete(CompletableFuture<T> future, T value) {
        if (!executor.tryExecute(() -> future.complete(value))) {
            future.complete(value); // the callback thread is gone (closed): do not leave the future hanging
        }
    }

    @Override
    public void fail(CompletableFuture<?> future, Throwable error) {
        if (!executor.tryExecute(() -> future.completeExceptionally(error))) {
            future.completeExceptionally(error);
        }
    }
}
