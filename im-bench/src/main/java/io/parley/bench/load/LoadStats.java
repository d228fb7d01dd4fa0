package io.parley.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load run counts, written from any thread: latencies into HdrHistogram {@link Recorder}s (microseconds)
 * and counters into {@link LongAdder}s. {@link #sample()} takes the interval since the last call (the progress
 * line calls it once a second); {@link #startMeasuring()} discards what the warm-up recorded.
 */
public final class LoadStats {
    private final Recorder deliverLatency = new Recorder(3);
    private final Recorder ackLatency = new Recorder(3);
    private final Histogram deliverTotal = new Histogram(3);
    private final Histogram ackTotal = new Histogram(3);
    private final Recorder probeAckLatency = new Recorder(3);
    private final Histogram probeAckTotal = new Histogram(3);
    private volatile int probeIndex = -1;
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder echoes = new LongAdder();
    final LongAdder otherDelivers = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder errorFrames = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder connected = new LongAdder();
    private final Map<Integer, LongAdder> errorCodes = new ConcurrentHashMap<>();
    private volatile boolean measuring;
    private final long[] measureStart = new long[3];
    private final long[] measureEnd = new long[3];

    /** One interval: the latencies and counter values since the previous sample. */
    public record Interval(Histogram deliver, Histogram ack, long sent, long acked, long delivered, long errors) {
    }

    private long lastSent;
    private long lastAcked;
    private long lastDelivered;
    private long lastErrors;

    public void recordSent() {
        sent.increment();
    }

    /** Acks of the connection at {@code index} are also recorded apart, as the probe's (storm scenario). */
    public void probe(int index) {
        probeIndex = index;
    }

    /**
     * A SEND_ACK read by connection {@code sender}: code 0 is a commit; {@code dropped} marks a commit that reached
     * nobody (chatroom overload).
     */
    public void recordAck(long sentNanos, int code, boolean wasDropped, int sender) {
        if (sender == probeIndex && code == 0) {
            probeAckLatency.recordValue(micros(System.nanoTime() - sentNanos));
        }
        if (code != 0) {
            sendErrors.increment();
            errorCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
            return;
        }
        acked.increment();
        if (wasDropped) {
            dropped.increment();
        }
        ackLatency.recordValue(micros(System.nanoTime() - sentNanos));
    }

    /** A DELIVER with a stamp at connection {@code receiver}; the sender's own copy counts as an echo. */
    public void recordDeliver(int receiver, ContentStamp.Stamp stamp) {
        if (!stamp.present()) {
            otherDelivers.increment();
            return;
        }
        if (stamp.senderIndex() == receiver) {
            echoes.increment();
            return;
        }
        delivered.increment();
        deliverLatency.recordValue(micros(System.nanoTime() - stamp.sentNanos()));
    }

    public void recordErrorFrame(int code) {
        errorFrames.increment();
        errorCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public void recordDisconnect() {
        disconnects.increment();
    }

    public void recordConnected() {
        connected.increment();
    }

    public void recordConnectFailure() {
        connectFailures.increment();
    }

    /** From now on intervals add to the totals. */
    public synchronized void startMeasuring() {
        sample();
        deliverTotal.reset();
        ackTotal.reset();
        probeAckTotal.reset();
        counters(measureStart);
        measuring = true;
    }

    public synchronized void stopMeasuring() {
        sample();
        counters(measureEnd);
        measuring = false;
    }

    private void counters(long[] into) {
        into[0] = sent.sum();
        into[1] = acked.sum();
        into[2] = delivered.sum();
    }

    /** Sent, acked and delivered between {@link #startMeasuring()} and {@link #stopMeasuring()}. */
    public synchronized long[] measuredCounts() {
        return new long[] {measureEnd[0] - measureStart[0], measureEnd[1] - measureStart[1],
                measureEnd[2] - measureStart[2]};
    }

    public boolean measuring() {
        return measuring;
    }

    /** The interval since the previous call; added to the totals while measuring. */
    public synchronized Interval sample() {
        Histogram deliver = deliverLatency.getIntervalHistogram();
        Histogram ack = ackLatency.getIntervalHistogram();
        Histogram probeAck = probeAckLatency.getIntervalHistogram();
        long s = sent.sum();
        long a = acked.sum();
        long d = delivered.sum();
        long e = errors();
        Interval interval = new Interval(deliver, ack, s - lastSent, a - lastAcked, d - lastDelivered, e - lastErrors);
        lastSent = s;
        lastAcked = a;
        lastDelivered = d;
        lastErrors = e;
        if (measuring) {
            deliverTotal.add(deliver);
            ackTotal.add(ack);
            probeAckTotal.add(probeAck);
        }
        return interval;
    }

    public long errors() {
        return sendErrors.sum() + errorFrames.sum() + disconnects.sum() + connectFailures.sum();
    }

    public synchronized Histogram deliverTotal() {
        return deliverTotal.copy();
    }

    public synchronized Histogram ackTotal() {
        return ackTotal.copy();
    }

    public synchronized Histogram probeAckTotal() {
        return probeAckTotal.copy();
    }

    /** Error code → count, sorted. */
    public Map<Integer, Long> errorCodes() {
        Map<Integer, Long> codes = new TreeMap<>();
        errorCodes.forEach((code, count) -> codes.put(code, count.sum()));
        return codes;
    }

    private static long micros(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
    }
}
