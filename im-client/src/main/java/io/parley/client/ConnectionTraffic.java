package io.parley.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.parley.api.model.ConversationType;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.EventBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What travels over the connection of one {@link ImClient} once it is up: sends ({@link SendWriter}), commands
 * ({@link PendingCommands}), the inbox sync ({@link InboxSync}) and the conversation sync ({@link ConversationSync}).
 * It routes the server's answers and pushes to them, starts them on each new connection, tells them when it goes,
 * fails them when the client stops, and checks their time limits on every tick. {@link ClientCore} decides when
 * the connection is up.
 *
 * <p>Not thread-safe: confined to the client's event loop, except {@link #nextRequestId()} and the dispatched
 * cursors.
 */
final class ConnectionTraffic {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTraffic.class);

    private final ClientOptions options;
    private final CallbackDispatcher callbacks;
    /** The connection while it is up (after CONNACK), else null. */
    private final Supplier<Channel> connected;
    private final SendWriter sends;
    private final PendingCommands commands;
    private final InboxSync inbox;
    private final ConversationSync conversations;
    private final AtomicInteger requestIds = new AtomicInteger();

    ConnectionTraffic(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks,
            Supplier<Channel> connected) {
        this.options = options;
        this.callbacks = callbacks;
        this.connected = connected;
        this.sends = new SendWriter(options, loop, new PendingSends(callbacks), connected);
        this.commands = new PendingCommands(callbacks);
        this.inbox = new InboxSync(options, loop, callbacks, this::write, this::nextRequestId);
        this.conversations = new ConversationSync(options, loop, callbacks, this::write, this::nextRequestId);
    }

    // ---- any thread ----

    int nextRequestId() {
        while (true) {
            int id = requestIds.incrementAndGet() & Integer.MAX_VALUE;
            if (id != 0) {
                return id;
            }
        }
    }

    long dispatchedCursor() {
        return inbox.dispatchedCursor();
    }

    long dispatchedGroupCursor(String groupId) {
        return conversations.dispatchedCursor(ConversationSync.key(ConversationType.GROUP.code(), groupId));
    }

    // ---- on the loop ----

    /** Gives the syncs the cursors the {@link CursorStore} had (only the first call counts). */
    void init(long storedCursor, Map<String, Long> storedConversations) {
        inbox.init(storedCursor);
        conversations.init(storedConversations);
    }

    /** The inbox cursor to put in CONNECT. */
    long inboxCursor() {
        return inbox.cursor();
    }

    /** A new send while the client is connecting or connected (it waits for the connection when not up). */
    void send(int requestId, SendBody body, CompletableFuture<SendResult> future) {
        sends.send(requestId, body, future);
    }

    /** A command while connected: its answer is awaited until {@code commandTimeout}. */
    void command(String name, Map<String, Object> body, CompletableFuture<Map<String, Object>> future) {
        int requestId = nextRequestId();
        commands.add(requestId, future, System.nanoTime() + options.commandTimeout().toNanos());
        write(Frame.of(Command.COMMAND, requestId, new CommandBody(name, body)));
    }

    /**
     * A frame of the traffic (SEND_ACK, DELIVER, SYNC_RESULT, COMMAND_RESULT, EVENT) from the current connection;
     * {@code up} says whether it is past CONNACK (messages and sync pages before that are dropped).
     */
    void onFrame(Frame frame, boolean up) {
        int requestId = frame.requestId();
        switch (frame.command()) {
            case SEND_ACK -> sends.onSendAck(requestId, frame.body(SendAckBody.class));
            case DELIVER -> {
                if (up) {
                    WireMessage message = frame.body(DeliverBody.class).message();
                    if (message != null && ConversationSync.follows(message)) {
                        conversations.onDeliver(message);
                    } else {
                        inbox.onDeliver(message);
                    }
                }
            }
            case SYNC_RESULT -> {
                SyncResultBody page = frame.body(SyncResultBody.class);
                if (up && !inbox.onSyncResult(requestId, page) && !conversations.onSyncResult(requestId, page)) {
                    log.debug("SYNC_RESULT for request {} that is no longer pending", requestId);
                }
            }
            case COMMAND_RESULT -> commands.complete(requestId, frame.body(CommandResultBody.class));
            case EVENT -> {
                EventBody event = frame.body(EventBody.class);
                callbacks.event(event.name(), event.body());
            }
            default -> throw new IllegalArgumentException("not a traffic frame: " + frame.command());
        }
    }

    /** An ERROR answering a request: fails the command or send, or ends the sync, with that id; false when none. */
    boolean onError(int requestId, int code, ImClientException exception) {
        return requestId != 0 && (commands.fail(requestId, exception) || sends.fail(requestId, exception)
                || inbox.onSyncError(requestId) || conversations.onSyncError(requestId, code));
    }

    /** After CONNACK on {@code ch}: writes the pending sends, then the syncs start. */
    void onConnected(Channel ch) {
        sends.writeAllOn(ch);
        inbox.onConnected();
        conversations.onConnected();
    }

    /** The connection is gone: the syncs stop, the sends wait for the next one, the commands fail. */
    void connectionLost() {
        stopSyncs();
        sends.connectionLost();
        commands.failAll(new ImClientException(ImClientException.NOT_CONNECTED, "the connection was lost"));
    }

    /** The syncs stop (without an ACK); the sends and commands are left to the caller. */
    void stopSyncs() {
        inbox.onDisconnected();
        conversations.onDisconnected();
    }

    /** The last ACK of the inbox to write before DISCONNECT, or null when there is nothing to acknowledge. */
    Frame finalAck() {
        return inbox.finalAck();
    }

    /** No more connections for now: every send and command waiting fails with {@code error}. */
    void failAll(ImClientException error) {
        sends.failAll(error);
        commands.failAll(error);
    }

    /**
     * Every tick: fails the sends and commands past their time, and while connected writes late sends again and
     * closes the connection when a sync page does not come in time.
     */
    void tick(long now) {
        sends.expire(now);
        commands.expire(now, "no COMMAND_RESULT within " + options.commandTimeout());
        Channel ch = connected.get();
        if (ch == null) {
            return;
        }
        sends.resendLate(ch, now);
        if (!inbox.tick(now) || !conversations.tick(now)) {
            log.warn("no SYNC_RESULT within {}; closing the connection", options.commandTimeout());
            ch.close();
        }
    }

    /** Writes on the current connection if it is up. */
    private boolean write(Frame frame) {
        Channel ch = connected.get();
        if (ch == null) {
            return false;
        }
        ch.writeAndFlush(frame);
        return true;
    }
}
