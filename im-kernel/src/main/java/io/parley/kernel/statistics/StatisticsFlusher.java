package io.parley.kernel.statistics;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.lifecycle.Service;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code statistics.flush-interval}, and once more at stop, takes what this node counted
 * ({@link StatisticsRecorder#drain()}, the meters' growth) and adds it to this node's rows of the current hour and day
 * in the {@link StatisticsStore}; marks the users who connected as active and the users given a token as new when it
 * was their first; and, once an hour, prunes what is older than {@code statistics.retention-days} (and the active-user
 * markers of past periods). Runs on the kernel
 * scheduler, never on an event loop or the message path. What is counted lands in the hour of the flush that takes it,
 * so an hour's figures may hold up to one interval of the hour before. A failed flush is logged and its counts are
 * lost (the figures are statistics, not records), and the next one goes on.
 */
@Singleton
public final class StatisticsFlusher implements Service {
    private static final Logger log = LoggerFactory.getLogger(StatisticsFlusher.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final StatisticsRecorder recorder;
    private final StatisticsStore store;
    private final MeterDeltas meters;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final StatisticsConfig config;
    private final String node;
    private long lastPrune = Long.MIN_VALUE;
    private ScheduledFuture<?> task;

    /** The server's flusher, writing under this node's name. */
    @Inject
    public StatisticsFlusher(StatisticsRecorder recorder, StatisticsStore store, MeterRegistry registry,
            ScheduledExecutorService scheduler, Clock clock, StatisticsConfig config, StatisticsNode node) {
        this(recorder, store, registry, scheduler, clock, config, node.name());
    }

    /**
     * @param node this node's name in the rows it writes: the cluster's node id, or {@code local} for a server alone (so
     *     that a restarted server adds to its rows of the hour rather than starting rows of its own)
     */
    public StatisticsFlusher(StatisticsRecorder recorder, StatisticsStore store, MeterRegistry registry,
            ScheduledExecutorService scheduler, Clock clock, StatisticsConfig config, String node) {
        this.recorder = recorder;
        this.store = store;
        this.meters = new MeterDeltas(registry);
        this.scheduler = scheduler;
        this.clock = clock;
        this.config = config;
        this.node = node;
    }

    @Override
    public String name() {
        return "statistics";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("executors");
    }

    @Override
    public void start() {
        long every = config.flushInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
        flushQuietly();
    }

    /** Adds what was counted since the last flush to storage, now, on the calling thread. */
    public synchronized void flush() {
        long now = clock.millis();
        StatisticsRecorder.Drained drained = recorder.drain();
        Figures counted = drained.figures();
        meters.addTo(counted);
        addTotals(counted);
        Figures hour = new Figures().addAll(counted);
        Figures day = new Figures().addAll(counted);
        for (String user : drained.connectedUsers()) {
            if (store.markActive(Granularity.HOUR, now, user)) {
                hour.add(Figures.ACTIVE_USERS, 1);
            }
            if (store.markActive(Granularity.DAY, now, user)) {
                day.add(Figures.ACTIVE_USERS, 1);
            }
        }
        for (String user : drained.tokenUsers()) {
            if (store.markFirstToken(user, now)) {
                hour.add(Figures.NEW_USERS, 1);
                day.add(Figures.NEW_USERS, 1);
            }
        }
        store.add(Granularity.HOUR, now, node, hour);
        store.add(Granularity.DAY, now, node, day);
        if (now - lastPrune >= PRUNE_EVERY.toMillis() || lastPrune == Long.MIN_VALUE) {
            lastPrune = now;
            int pruned = store.prune(now - config.retention().toMillis(), now);
            if (pruned > 0) {
                log.debug("statistics: pruned {} rows older than {} days and markers of past periods", pruned,
                        config.retentionDays());
            }
        }
    }

    /** The totals shown beside their breakdowns: messages, recalls, refusals and server-API calls. */
    private static void addTotals(Figures figures) {
        figures.add(Figures.MESSAGES, sum(figures, Figures.BY_CONVERSATION_TYPE));
        figures.add(Figures.RECALLS, figures.get(Figures.item(Figures.BY_MESSAGE_TYPE,
                StatisticsRecorder.RECALL_COMMAND)));
        figures.add(Figures.REFUSALS, sum(figures, Figures.REFUSALS_BY_CODE));
        figures.add(Figures.SERVER_API_CALLS, sum(figures, Figures.API_CALLS));
    }

    private static long sum(Figures figures, String group) {
        return figures.breakdown(group).values().stream().mapToLong(Long::longValue).sum();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // storage failing is reported by storage itself; one line an interval here, the trace at debug
            log.warn("statistics: adding the counts of the last {} to storage failed: {}", config.flushInterval(),
                    e.toString());
            log.debug("statistics flush failure", e);
        }
    }
}
