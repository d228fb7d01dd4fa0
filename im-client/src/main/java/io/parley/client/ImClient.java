package io.parley.client;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.api.model.ConversationType;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.BodyCodec;
import io.parley.protocol.FrameHeader;
import io.parley.protocol.body.SendBody;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parley (RongCloud-compatible) IM client: one user's device connected to the server over TCP.
 *
 * <pre>{@code
 * ImClient client = ImClient.builder()
 *         .address("127.0.0.1", 9100)          // TCP port of the server
 *         .token(token)                          // from the app server (/user/getToken.json)
 *         .deviceId("phone-1").platform("Android")
 *         .cursorStore(myStore)                  // optional; default in-memory
 *         // or instead: .localStore(LocalStores.mapDb(dir, appKey, userId)) keeps the messages on the device
 *         .build();
 * client.addMessageListener(message -> System.out.println(message.content()));
 * client.addStatusListener(status -> System.out.println(status));
 * client.connect().join();                       // CompletableFuture<ConnectResult>
 * SendResult r = client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi\"}").join();
 * client.close();
 * }</pre>
 *
 * <h2>What it promises</h2>
 * <ul>
 *   <li><b>Receiving.</b> Every message of the user's inbox reaches the {@link MessageListener}s exactly once
 *   per client instance, in inbox order, own messages included (from this device too), whether pushed or
 *   pulled by SYNC after a connect, a reconnect, or a detected gap. The cursor is saved to the
 *   {@link CursorStore} and acknowledged to the server after the listeners return. Plugins' notices (a reaction
 *   changed, a vote counted: {@link ReceivedMessage#notice()}) come the same way, in the same order, but to the
 *   {@link NoticeListener}s instead: they are never messages to show, keep or count.</li>
 *   <li><b>Sending.</b> A send completes with a {@link SendResult} once the server has committed the message
 *   (it is durable then). It is retried with the same {@code clientMsgId} after a lost connection or a
 *   missing ack (the server answers a retry with the first commit) until {@link ClientOptions#sendDeadline()};
 *   a refusal by the server fails it at once with the server's code. Sends made while reconnecting wait for
 *   the connection; sends made while not connected and not reconnecting fail.</li>
 *   <li><b>Connection.</b> After a connection that had succeeded is lost, the client reconnects with
 *   exponential backoff and jitter, then syncs. It does not reconnect after KICKED, after a token or account
 *   refusal, or after {@link #close()}. If the first attempt of a {@link #connect()} fails, its future fails
 *   and the app decides when to call {@code connect()} again.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * All public methods are thread-safe and do not block, except {@link #close()} and {@link #logout()}, which
 * wait briefly for the socket to close. Network I/O runs on a Netty event loop (one per client, taken from
 * {@link ImClientBuilder#eventLoopGroup} when shared). App code never runs there: every listener call, cursor save,
 * and completion of a returned future happens on the client's <b>callback thread</b>, one task at a time, in
 * order (a single-thread executor, or a serial queue over {@link ImClientBuilder#callbackExecutor} when shared).
 * Consequently a listener must not block on a future of this client ({@code send(...).join()} inside a
 * listener would wait for itself); the returned futures detect that and throw
 * {@link IllegalStateException}; chain with {@code thenAccept} instead. A slow listener delays later
 * callbacks and the cursor save, not the network.
 */
public final class ImClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final ClientOptions options;
    private final CursorStore cursorStore;
    private final DeviceMessageStore localStore;
    private final EventLoopGroup ownGroup;
    private final ExecutorService ownCallbackExecutor;
    private final CallbackDispatcher callbacks;
    private final ClientCore core;
    private final Object cursorLock = new Object();
    private boolean cursorLoaded;
    private long storedCursor;
    private Map<String, Long> storedConversations = Map.of();

    ImClient(ClientOptions options, CursorStore cursorStore, DeviceMessageStore localStore, EventLoopGroup sharedGroup,
            Executor sharedExecutor) {
        this.options = options;
        this.cursorStore = cursorStore == null ? CursorStore.inMemory() : cursorStore;
        this.localStore = localStore;
        int instance = INSTANCES.incrementAndGet();
        EventLoopGroup group = sharedGroup;
        if (group == null) {
            ownGroup = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory("parley-client-io-" + instance, true), NioIoHandler.newFactory());
            group = ownGroup;
        } else {
            ownGroup = null;
        }
        Executor executor = sharedExecutor;
        if (executor == null) {
            ownCallbackExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "parley-client-callback-" + instance);
                thread.setDaemon(true);
                return thread;
            });
            executor = ownCallbackExecutor;
        } else {
            ownCallbackExecutor = null;
        }
        // a shared pool is yielded now and then so that one busy client cannot hold a pool thread
        SerialExecutor serial = new SerialExecutor(executor, ownCallbackExecutor != null ? Integer.MAX_VALUE : 256);
        this.callbacks = new CallbackDispatcher(serial, this.cursorStore, localStore);
        this.core = new ClientCore(options, group.next(), callbacks, localStore == null ? null : localStore.userId());
    }

    /** A builder; {@link ImClientBuilder#address}, {@link ImClientBuilder#token} and {@link ImClientBuilder#deviceId} are required. */
    public static ImClientBuilder builder() {
        return new ImClientBuilder();
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Connects (CONNECT with the current inbox cursor), then syncs the inbox in the background. The future
     * completes on CONNACK, or fails with an {@link ImClientException}: the server's code for a refusal
     * (31004 token invalid, …) or {@link ImClientException#NETWORK_ERROR} / {@link ImClientException#TIMEOUT}; or
     * {@link ImClientException#STORE_OF_ANOTHER_USER} when the {@link #localStore()} belongs to another user than
     * the one the server confirms for the token (the status becomes {@link ConnectionStatus#CONNECT_REFUSED}, and
     * nothing is synced into the store).
     * Calling it while connected returns the current connection's result; while connecting or reconnecting,
     * a future of the next CONNACK. The first call loads the {@link CursorStore} (the inbox cursor and the group
     * cursors), on the calling thread.
     */
    public CompletableFuture<ConnectResult> connect() {
        ClientFuture<ConnectResult> future = callbacks.newFuture();
        long cursor;
        synchronized (cursorLock) {
            if (!cursorLoaded) {
                storedCursor = cursorStore.load();
                if (storedCursor < 0) {
                    throw new IllegalStateException("cursor store returned a negative cursor: " + storedCursor);
                }
                storedConversations = Map.copyOf(cursorStore.loadConversations());
                cursorLoaded = true;
            }
            cursor = storedCursor;
        }
        core.connect(cursor, storedConversations, future);
        return future;
    }

    /**
     * Sends a message. The SDK gives it a fresh {@code clientMsgId} and keeps it for every retry.
     *
     * @param content the message's content, usually JSON ({@code {"content":"hi"}} for {@code RC:TxtMsg})
     */
    public CompletableFuture<SendResult> send(ConversationType conversationType, String targetId, String objectName,
            String content) {
        return send(conversationType, targetId, objectName, content, null, null);
    }

    /** Sends a message with a push notification text and payload (either may be null). */
    public CompletableFuture<SendResult> send(ConversationType conversationType, String targetId, String objectName,
            String content, String pushContent, String pushData) {
        return send(conversationType, targetId, objectName, content, pushContent, pushData, false);
    }

    /**
     * Sends a message with a push notification text and payload (either may be null); with {@code disablePush}
     * the recipients' phones get no push notification for it.
     */
    public CompletableFuture<SendResult> send(ConversationType conversationType, String targetId, String objectName,
            String content, String pushContent, String pushData, boolean disablePush) {
        requireNonNull(conversationType, "conversationType is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(content, "content is null");
        SendBody body = new SendBody(UUID.randomUUID().toString(), conversationType.code(), targetId, objectName,
                content, pushContent, pushData, null, null, disablePush ? Boolean.TRUE : null);
        ClientFuture<SendResult> future = callbacks.newFuture();
        int frameBytes = FrameHeader.HEADER_REST_BYTES + BodyCodec.toCbor(body).length;
        if (frameBytes > core.serverMaxFrameBytes()) {
            // refused here: the server would drop the connection, and every retry would drop it again
            future.completeExceptionally(new ImClientException(StandardErrorCode.FRAME_TOO_LARGE.code(),
                    "the message needs a frame of " + frameBytes + " bytes; the server accepts at most "
                            + core.serverMaxFrameBytes()));
            return future;
        }
        core.send(core.nextRequestId(), body, future);
        return future;
    }

    /** Sends a message in the private chat with {@code targetUserId}. */
    public CompletableFuture<SendResult> sendPrivate(String targetUserId, String objectName, String content) {
        return send(ConversationType.PRIVATE, targetUserId, objectName, content);
    }

    /** Sends a message to the group {@code groupId}. */
    public CompletableFuture<SendResult> sendGroup(String groupId, String objectName, String content) {
        return send(ConversationType.GROUP, groupId, objectName, content);
    }

    /**
     * Runs a named command contributed by a plugin ({@code chatroom.join}, …). The future completes with the
     * result's body when its code is 0 and fails with an {@link ImClientException} carrying the code
     * otherwise. Commands are not retried: one issued while not connected, or whose connection is lost before
     * the answer, fails with {@link ImClientException#NOT_CONNECTED}.
     */
    public CompletableFuture<Map<String, Object>> command(String name, Map<String, Object> body) {
        requireNonNull(name, "name is null");
        ClientFuture<Map<String, Object>> future = callbacks.newFuture();
        core.command(name, body == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(body)), future);
        return future;
    }

    public void addMessageListener(MessageListener listener) {
        callbacks.messageListeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeMessageListener(MessageListener listener) {
        callbacks.messageListeners.remove(listener);
    }

    /**
     * Adds a notice listener: plugins' notices ({@link ReceivedMessage#notice()}) go there instead of to the message
     * listeners, once each, in order with the messages of their stream, from DELIVER or SYNC alike.
     */
    public void addNoticeListener(NoticeListener listener) {
        callbacks.noticeListeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeNoticeListener(NoticeListener listener) {
        callbacks.noticeListeners.remove(listener);
    }

    public void addStatusListener(ConnectionStatusListener listener) {
        callbacks.statusListeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeStatusListener(ConnectionStatusListener listener) {
        callbacks.statusListeners.remove(listener);
    }

    public void addEventListener(EventListener listener) {
        callbacks.eventListeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeEventListener(EventListener listener) {
        callbacks.eventListeners.remove(listener);
    }

    /**
     * The messages kept on this device ({@link ImClientBuilder#localStore}), readable with or without a connection;
     * empty when none was set.
     */
    public Optional<DeviceMessageStore> localStore() {
        return Optional.ofNullable(localStore);
    }

    /** The current status (listeners learn of changes slightly later, on the callback thread). */
    public ConnectionStatus status() {
        return core.status();
    }

    /** The user id from the last CONNACK; empty before the first successful connect. */
    public Optional<String> userId() {
        return Optional.ofNullable(core.lastConnect()).map(ConnectResult::userId);
    }

    /** The highest inbox seq handed to the listeners so far (the next SYNC starts after it). */
    public long inboxCursor() {
        return core.dispatchedCursor();
    }

    /**
     * The highest seq of a group handed to the listeners so far (groups are read from their logs by cursor), or 0
     * when this client has received nothing of the group.
     */
    public long groupCursor(String groupId) {
        return core.dispatchedGroupCursor(groupId);
    }

    /**
     * Leaves: acknowledges the processed cursor, sends DISCONNECT (logout false: presence "offline"), closes
     * the connection, fails whatever is pending with {@link ImClientException#CLIENT_CLOSED}, and releases
     * the threads this client owns. Waits up to a few seconds for the socket and the callbacks to finish
     * (not when called from a callback). Idempotent; the client cannot be connected again.
     */
    @Override
    public void close() {
        shutdown(false, "close");
    }

    /** Like {@link #close()}, with DISCONNECT logout true: the user signed out (presence "logout"). */
    public void logout() {
        shutdown(true, "logout");
    }

    /**
     * Like {@link #logout()}; with {@code wipeLocalStore}, the {@link #localStore()} is then closed and deleted
     * from the device (once the callbacks have finished, or at once when called from a callback), so that nothing of
     * the user who signed out is left.
     */
    public void logout(boolean wipeLocalStore) {
        shutdown(true, "logout");
        if (wipeLocalStore && localStore != null) {
            localStore.wipe();
        }
    }

    private void shutdown(boolean logout, String reason) {
        CompletableFuture<Void> closed = core.close(logout, reason);
        boolean mayWait = !callbacks.executor().inCallbackThread() && !core.loop().inEventLoop();
        if (mayWait) {
            try {
                closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                mayWait = false;
            } catch (Exception e) {
                log.debug("connection did not close within {}", CLOSE_WAIT, e);
            }
        }
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (ownCallbackExecutor != null) {
            ownCallbackExecutor.shutdown();
            if (mayWait) {
                try {
                    ownCallbackExecutor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ImClient[" + options.deviceId() + "@" + options.host() + ":" + options.port() + ", " + status() + "]";
    }
}
