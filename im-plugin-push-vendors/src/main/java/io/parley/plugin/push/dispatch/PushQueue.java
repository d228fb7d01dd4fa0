package io.parley.plugin.push.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.device.DeviceTokenStore;
import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.spi.PushNotification;
import io.parley.plugin.push.spi.PushOutcome;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable push queue. A job is written to the metadata store ({@code push.queue}) before it is first sent
 * and deleted only once every target is settled, so a vendor outage or a server restart loses no notification
 * within its TTL: jobs left at stop are sent again at start. A retryable outcome (server error, rate limit,
 * quota) reschedules the job after the vendor's {@code Retry-After} or with exponential backoff; a dead token is
 * removed from the user's devices. Thread-safe; sends run on the plugin scheduler, answers on the vendors' HTTP
 * threads.
 */
public final class PushQueue {
    private static final Logger log = LoggerFactory.getLogger(PushQueue.class);
    static final String NAMESPACE = "push.queue";
    private static final long WAIT_FOR_PERMIT_MILLIS = 20;

    private final MetadataStore metadata;
    private final Map<String, PushProvider> providers;
    private final DeviceTokenStore tokens;
    private final PushStats stats;
    private final PushMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RetryPolicy retry;
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, Semaphore> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxInFlight;

    /** @param maxInFlight sends a vendor may have outstanding at once; more wait their turn */
    public PushQueue(MetadataStore metadata, Map<String, PushProvider> providers, DeviceTokenStore tokens,
            PushStats stats, PushMetrics metrics, ScheduledExecutorService scheduler, Clock clock, RetryPolicy retry,
            int maxInFlight) {
        this.metadata = metadata;
        this.providers = Map.copyOf(providers);
        this.maxInFlight = maxInFlight;
        this.tokens = tokens;
        this.stats = stats;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.clock = clock;
        this.retry = retry;
    }

    /** Schedules the jobs a previous run left behind. Called once, at start. */
    public void resume() {
        for (String json : metadata.scan(NAMESPACE, "").values()) {
            PushJob job = read(json);
            size.incrementAndGet();
            schedule(job.id(), Math.max(0, job.dueAt() - clock.millis()));
        }
    }

    /** Jobs waiting for a first send or a retry. */
    public int size() {
        return size.get();
    }

    /**
     * Queues a notification to one vendor's devices, split into batches the vendor accepts, and counts them in
     * the push's stats. Blocks on storage.
     */
    public void enqueue(String vendor, PushNotification notification,
            List<PushJob.Recipient> recipients, Duration ttl) {
        PushProvider provider = providers.get(vendor);
        if (provider == null || recipients.isEmpty()) {
            return;
        }
        long now = clock.millis();
        stats.queued(notification.pushId(), recipients.size(), now);
        Map<String, List<PushJob.Recipient>> byApp = new LinkedHashMap<>();
        recipients.forEach(r -> byApp.computeIfAbsent(r.appId() + "/" + r.sandbox(), k -> new ArrayList<>()).add(r));
        for (List<PushJob.Recipient> group : byApp.values()) {
            for (int from = 0; from < group.size(); from += provider.maxBatchSize()) {
                List<PushJob.Recipient> batch = group.subList(from, Math.min(group.size(), from + provider.maxBatchSize()));
                PushJob job = new PushJob(UUID.randomUUID().toString(), vendor, notification, batch,
                        now + ttl.toMillis(), 0, now);
                save(job);
                size.incrementAndGet();
                schedule(job.id(), 0);
            }
        }
    }

    private void schedule(String jobId, long delayMillis) {
        try {
            scheduler.schedule(() -> attempt(jobId), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("push job {} stays queued for the next start", jobId);
        }
    }

    private void attempt(String jobId) {
        Optional<PushJob> stored;
        try {
            stored = metadata.get(NAMESPACE, jobId).map(PushQueue::read);
        } catch (RuntimeException e) {
            log.warn("push job {} could not be read; it is kept for the next start", jobId, e);
            return;
        }
        if (stored.isEmpty()) {
            return;
        }
        PushJob job = stored.get();
        PushProvider provider = providers.get(job.vendor());
        if (provider == null) {
            log.warn("push job {} is for vendor {}, which is not enabled; dropping it", jobId, job.vendor());
            finish(job, 0, job.recipients().size(), 0);
            return;
        }
        if (clock.millis() > job.expiresAt()) {
            expire(job);
            return;
        }
        Semaphore permits = inFlight.computeIfAbsent(job.vendor(), vendor -> new Semaphore(maxInFlight));
        if (!permits.tryAcquire()) {
            schedule(jobId, WAIT_FOR_PERMIT_MILLIS);
            return;
        }
        metrics.sent(job.vendor(), job.recipients().size());
        provider.send(job.notification(), job.targets()).whenComplete((result, error) -> {
            permits.release();
            try {
                handle(job, error == null ? result
                        : PushResult.all(job.targets(), PushOutcome.of(PushOutcome.Kind.TRANSIENT, String.valueOf(error))));
            } catch (RuntimeException e) {
                log.warn("push job {} could not be settled; retrying it", jobId, e);
                schedule(jobId, retry.delay(job.attempts(), Optional.empty()).toMillis());
            }
        });
    }

    private void handle(PushJob job, PushResult result) {
        int delivered = 0;
        int failed = 0;
        int removed = 0;
        List<PushJob.Recipient> remaining = new ArrayList<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (PushJob.Recipient recipient : job.recipients()) {
            PushOutcome outcome = result.outcomes().getOrDefault(recipient.token(),
                    PushOutcome.of(PushOutcome.Kind.TRANSIENT, "no answer for this token"));
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    delivered++;
                    metrics.delivered(job.vendor());
                }
                case INVALID_TOKEN -> {
                    failed++;
                    metrics.failed(job.vendor(), outcome.kind().name());
                    if (tokens.removeInvalid(recipient.userId(), job.vendor(), recipient.token(),
                            outcome.invalidSince())) {
                        removed++;
                        metrics.tokenRemoved(job.vendor());
                    }
                }
                case CONFIG_ERROR, BAD_REQUEST -> {
                    failed++;
                    metrics.failed(job.vendor(), outcome.kind().name());
                    log.warn("push {} to {} via {} failed for good: {} {}", job.notification().pushId(),
                            recipient.userId(), job.vendor(), outcome.kind(), outcome.reason());
                }
                default -> {
                    remaining.add(recipient);
                    if (outcome.retryAfter().isPresent()
                            && (retryAfter.isEmpty() || outcome.retryAfter().get().compareTo(retryAfter.get()) > 0)) {
                        retryAfter = outcome.retryAfter();
                    }
                }
            }
        }
        if (remaining.isEmpty()) {
            finish(job, delivered, failed, removed);
            return;
        }
        stats.settled(job.notification().pushId(), delivered, failed, removed);
        long due = clock.millis() + retry.delay(job.attempts(), retryAfter).toMillis();
        PushJob next = job.retry(remaining, due);
        if (due > job.expiresAt()) {
            expire(next);
            return;
        }
        save(next);
        metrics.retried(job.vendor());
        schedule(job.id(), due - clock.millis());
    }

    private void expire(PushJob job) {
        job.recipients().forEach(recipient -> metrics.failed(job.vendor(), "EXPIRED"));
        finish(job, 0, job.recipients().size(), 0);
    }

    private void finish(PushJob job, int delivered, int failed, int removed) {
        metadata.delete(NAMESPACE, job.id());
        size.decrementAndGet();
        stats.settled(job.notification().pushId(), delivered, failed, removed);
    }

    private void save(PushJob job) {
        metadata.put(NAMESPACE, job.id(), VendorHttp.json(job));
    }

    private static PushJob read(String json) {
        try {
            return VendorHttp.JSON.readValue(json, PushJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt push job: " + json, e);
        }
    }
}
