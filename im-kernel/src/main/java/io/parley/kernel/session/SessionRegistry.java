package io.parley.kernel.session;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import io.parley.protocol.body.DeliverBody;
import io.netty.channel.EventLoop;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.IdentityHashMap;
import io.parley.api.cluster.SessionDirectory;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.kernel.config.MultiDevicePolicies;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.EventBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The devices online on this node, by user. Applies the multi-device policy of the device's platform when it
 * registers: a reconnect of the same device id replaces the old connection, and where that platform's policy is
 * {@code one-per-platform} a new device kicks the older one of the same platform ({@link MultiDevicePolicies}:
 * by default several web tabs stay online together, one device per mobile platform, one desktop client). With
 * several nodes the cluster applies the same policy on the other nodes ({@link #onRegistered}, {@link #displaceHere}).
 * Tells the cluster's {@link SessionDirectory} when a user's first device arrives here and when the last one leaves
 * (inside the same atomic update, so the directory sees them in order). Thread-safe and non-blocking.
 */
@Singleton
public final class SessionRegistry implements OnlineDirectory {
    private static final Predicate<String> EVERY_SESSION = sessionId -> true;
    private static final String DISPLACED = "signed in on another device of the same platform";
    /** Where no other node asks where users are: attaches and detaches go nowhere. */
    private static final SessionDirectory NO_DIRECTORY = new SessionDirectory() {
        @Override
        public void attach(String userId) {
        }

        @Override
        public void detach(String userId) {
        }

        @Override
        public Map<String, Set<String>> locate(Collection<String> userIds) {
            return Map.of();
        }
    };

    private final Map<String, List<Session>> byUser = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();
    private final MultiDevicePolicies policies;
    private final SessionDirectory directory;
    private final SessionObserver observer;
    private volatile Consumer<Session> registered = session -> { };

    /** A registry for one node alone, with no cluster directory (tests and tools), one policy everywhere. */
    public SessionRegistry(MultiDevicePolicy policy) {
        this(MultiDevicePolicies.uniform(policy));
    }

    /** A registry for one node alone, with no cluster directory (tests and tools). */
    public SessionRegistry(MultiDevicePolicies policies) {
        this(policies, NO_DIRECTORY);
    }

    public SessionRegistry(MultiDevicePolicies policies, SessionDirectory directory) {
        this(policies, directory, SessionObserver.NONE);
    }

    /** @param observer told of each session registered and removed (the statistics' connection counts) */
    @Inject
    public SessionRegistry(MultiDevicePolicies policies, SessionDirectory directory, SessionObserver observer) {
        this.policies = policies;
        this.directory = directory;
        this.observer = observer;
    }

    /** The outbox of {@code loop}, through which other threads write to its connections' sessions. */
    public LoopOutbox outboxOf(EventLoop loop) {
        LoopOutbox outbox = outboxes.get(loop);
        return outbox != null ? outbox : outboxes.computeIfAbsent(loop, LoopOutbox::new);
    }

    /**
     * Sets what is told of each session registered here, once the policy has been applied on this node: with
     * several nodes, the cluster router, which has the other nodes apply it ({@link #displaceHere}). Called at
     * startup; the listener must not block.
     */
    public void onRegistered(Consumer<Session> listener) {
        this.registered = listener;
    }

    /**
     * Adds a session and kicks the sessions of this node it displaces, which it returns; with several nodes, tells
     * the others.
     */
    public List<Session> register(Session session) {
        List<Session> displaced = new ArrayList<>();
        byUser.compute(session.userId(), (user, sessions) -> {
            List<Session> next = new ArrayList<>();
            if (sessions == null) {
                directory.attach(user);
            } else {
                for (Session existing : sessions) {
                    (displaces(session.deviceId(), session.platform(), existing) ? displaced : next).add(existing);
                }
            }
            next.add(session);
            return List.copyOf(next);
        });
        observer.opened(session.userId());
        for (Session gone : displaced) {
            observer.closed(gone.userId());
            gone.kick(StandardErrorCode.KICKED.code(), DISPLACED);
        }
        registered.accept(session);
        return displaced;
    }

    /**
     * A device of a user connected to another node at {@code connectedAtMillis}: kicks the sessions of this node it
     * displaces (the same device id, or the same platform where its policy is one-per-platform) that connected
     * before it. They leave as any closed connection does (unregistered, OFFLINE presence), since the user may have no
     * device left on this node. Returns how many.
     */
    public int displaceHere(String userId, String deviceId, Platform platform, long connectedAtMillis) {
        int kicked = 0;
        for (Session existing : sessions(userId)) {
            if (existing.connectedAtMillis() < connectedAtMillis && displaces(deviceId, platform, existing)) {
                existing.kick(StandardErrorCode.KICKED.code(), DISPLACED);
                kicked++;
            }
        }
        return kicked;
    }

    /** Whether a new device ({@code deviceId} on {@code platform}) displaces {@code existing}. */
    private boolean displaces(String deviceId, Platform platform, Session existing) {
        return existing.deviceId().equals(deviceId)
                || policies.of(platform) == MultiDevicePolicy.ONE_PER_PLATFORM && existing.platform() == platform;
    }

    /** Removes a session; returns true if it was registered (false if already displaced). */
    public boolean unregister(Session session) {
        boolean[] removed = {false};
        byUser.computeIfPresent(session.userId(), (user, sessions) -> {
            List<Session> next = new ArrayList<>(sessions);
            removed[0] = next.remove(session);
            if (next.isEmpty()) {
                directory.detach(user);
                return null;
            }
            return List.copyOf(next);
        });
        if (removed[0]) {
            observer.closed(session.userId());
        }
        return removed[0];
    }

    public List<Session> sessions(String userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    /** Kicks every session of a user whose token was issued before {@code beforeMillis}. */
    public void kickTokensIssuedBefore(String userId, long beforeMillis) {
        for (Session session : sessions(userId)) {
            if (session.issuedAtMillis() < beforeMillis) {
                session.kick(StandardErrorCode.TOKEN_EXPIRED.code(), "the token was expired by the app server");
            }
        }
    }

    @Override
    public int disconnect(String userId, int code, String reason) {
        return disconnectHere(userId, code, reason);
    }

    /** Kicks every device of a user on this node; returns how many. */
    public int disconnectHere(String userId, int code, String reason) {
        List<Session> sessions = sessions(userId);
        sessions.forEach(session -> session.kick(code, reason));
        return sessions.size();
    }

    @Override
    public FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable) {
        return deliver(userIds, message, droppable, EVERY_SESSION);
    }

    @Override
    public FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable,
            Predicate<String> sessions) {
        return fanOut(userIds, Frame.of(Command.DELIVER, 0, new DeliverBody(WireMessages.shared(message))),
                droppable, sessions);
    }

    @Override
    public FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body,
            boolean droppable) {
        return sendEvent(userIds, name, body, droppable, EVERY_SESSION);
    }

    @Override
    public FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body,
            boolean droppable, Predicate<String> sessions) {
        return fanOut(userIds, Frame.of(Command.EVENT, 0, new EventBody(name, body)), droppable, sessions);
    }

    /** {@link #deliver} and {@link #sendEvent} of an already built frame, to every device of the listed users. */
    public FanOutResult fanOut(Collection<String> userIds, Frame frame, boolean droppable) {
        return fanOut(userIds, frame, droppable, EVERY_SESSION);
    }

    /**
     * Encodes once per wire format, then hands each event loop one task that writes to all of its
     * connections: no task, buffer or encoding per member, so a room of 10,000 costs one message's bytes.
     */
    private FanOutResult fanOut(Collection<String> userIds, Frame unencoded, boolean droppable,
            Predicate<String> chosen) {
        EncodedFrame frame = new EncodedFrame(unencoded);
        Map<EventLoop, List<Session>> byLoop = new IdentityHashMap<>();
        int delivered = 0;
        int dropped = 0;
        try {
            for (String userId : userIds) {
                List<Session> devices = sessions(userId);
                for (int i = 0; i < devices.size(); i++) {
                    Session session = devices.get(i);
                    if (chosen != EVERY_SESSION && !chosen.test(session.sessionId())) {
                        continue;
                    }
                    if (!session.accepts(droppable)) {
                        dropped++;
                        continue;
                    }
                    frame.prepare(session.wireFormat());
                    byLoop.computeIfAbsent(session.channel().eventLoop(), loop -> new ArrayList<>()).add(session);
                    delivered++;
                }
            }
            byLoop.forEach((loop, sessions) -> {
                EncodedFrame shared = frame.retain();
                try {
                    loop.execute(() -> {
                        try {
                            for (int i = 0; i < sessions.size(); i++) {
                                sessions.get(i).writeShared(shared);
                            }
                        } finally {
                            shared.release();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    shared.release();
                }
            });
        } finally {
            frame.release();
        }
        return new FanOutResult(delivered, dropped);
    }

    /** Users with at least one device connected now. */
    @Override
    public List<String> onlineUserIds() {
        return List.copyOf(byUser.keySet());
    }

    public int connectionCount() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public boolean isOnline(String userId) {
        return !sessions(userId).isEmpty();
    }

    @Override
    public List<OnlineDevice> devices(String userId) {
        return sessions(userId).stream().map(Session::describe).toList();
    }

    @Override
    public int sendEvent(String userId, String name, Map<String, Object> body) {
        List<Session> sessions = sessions(userId);
        Frame frame = Frame.of(Command.EVENT, 0, new EventBody(name, body));
        sessions.forEach(session -> session.send(frame));
        return sessions.size();
    }
}
