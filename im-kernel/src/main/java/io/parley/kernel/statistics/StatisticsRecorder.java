package io.parley.kernel.statistics;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.kernel.session.SessionObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where this node counts what the statistics keep, in memory, until the {@link StatisticsFlusher} takes the counts
 * ({@link #drain()}) and adds them to storage. Every recording method is an in-memory increment (a map look-up and a
 * {@link LongAdder}, or a set insertion for users), never I/O: it is called on the message path, the event loops
 * and the workers. Thread-safe; a drain loses no count made concurrently with it.
 *
 * <p>The number of distinct message types and server-API results kept is bounded ({@link #MAX_ITEMS} each, until a
 * restart); past it the rest is counted as {@code (other)}, so a client inventing types cannot grow the map without
 * end.
 */
@Singleton
public final class StatisticsRecorder implements SessionObserver {
    /** The most distinct items one breakdown keeps between two drains. */
    static final int MAX_ITEMS = 1_000;
    /** What is counted past the bound of distinct items, and server-API calls to paths not served. */
    public static final String OTHER = "(other)";
    static final String RECALL_COMMAND = "RC:RcCmd";

    private final Map<ConversationType, LongAdder> byConversationType = new EnumMap<>(ConversationType.class);
    private final Map<String, LongAdder> byMessageType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> apiCalls = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Set<String> connectedUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> tokenUsers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger peakSinceDrain = new AtomicInteger();

    @Inject
    public StatisticsRecorder() {
        for (ConversationType type : ConversationType.values()) {
            byConversationType.put(type, new LongAdder());
        }
    }

    /** A message committed (not a status message, a notice or a duplicate): on the thread that completed it. */
    public void messageCommitted(ConversationType type, String objectName) {
        byConversationType.get(type).increment();
        adder(byMessageType, objectName).increment();
    }

    /** A send refused before its commit, with the error it was refused with. */
    public void sendRefused(Throwable failure) {
        int code = failure instanceof ImException error ? error.code() : StandardErrorCode.INTERNAL_ERROR.code();
        refused(code);
    }

    /** Something refused with {@code code}: a send, or a server-API call refused by its rate limit. */
    public void refused(int code) {
        LongAdder adder = refusals.get(code);
        (adder != null ? adder : refusals.computeIfAbsent(code, ignored -> new LongAdder())).increment();
    }

    /** A server-API call to {@code path} (one the server serves, else {@link #OTHER}) answered with {@code code}. */
    public void apiCall(String path, int code) {
        adder(apiCalls, path + ":" + code).increment();
    }

    /** A token issued to {@code userId}: a new user if it is their first ever. */
    public void tokenIssued(String userId) {
        tokenUsers.add(userId);
    }

    @Override
    public void opened(String userId) {
        connectedUsers.add(userId);
        int now = connections.incrementAndGet();
        peakSinceDrain.accumulateAndGet(now, Math::max);
    }

    @Override
    public void closed(String userId) {
        connections.decrementAndGet();
    }

    /** Device sessions open on this node now. */
    public int connections() {
        return connections.get();
    }

    /** What was counted since the last drain; the counts start again from zero (the peak from the connections now). */
    public Drained drain() {
        Figures figures = new Figures();
        byConversationType.forEach((type, adder) -> figures.add(Figures.item(Figures.BY_CONVERSATION_TYPE,
                type.name()), adder.sumThenReset()));
        drainInto(byMessageType, Figures.BY_MESSAGE_TYPE, figures);
        drainInto(apiCalls, Figures.API_CALLS, figures);
        for (Map.Entry<Integer, LongAdder> entry : refusals.entrySet()) {
            figures.add(Figures.item(Figures.REFUSALS_BY_CODE, String.valueOf(entry.getKey())),
                    entry.getValue().sumThenReset());
        }
        figures.add(Figures.PEAK_CONNECTIONS, peakSinceDrain.getAndSet(connections.get()));
        return new Drained(figures, take(connectedUsers), take(tokenUsers));
    }

    /** A drain's counts, and the users who connected or were issued a token since the one before. */
    public record Drained(Figures figures, Set<String> connectedUsers, Set<String> tokenUsers) {
    }

    private static LongAdder adder(Map<String, LongAdder> map, String item) {
        LongAdder adder = map.get(item);
        if (adder != null) {
            return adder;
        }
        return map.computeIfAbsent(map.size() < MAX_ITEMS ? item : OTHER, ignored -> new LongAdder());
    }

    private static void drainInto(Map<String, LongAdder> map, String group, Figures figures) {
        for (Map.Entry<String, LongAdder> entry : map.entrySet()) {
            figures.add(Figures.item(group, entry.getKey()), entry.getValue().sumThenReset());
        }
    }

    private static Set<String> take(Set<String> users) {
        Set<String> taken = new java.util.HashSet<>();
        for (Iterator<String> it = users.iterator(); it.hasNext(); ) {
            String user = it.next();
            if (users.remove(user)) {
                taken.add(user);
            }
        }
        return taken;
    }
}
