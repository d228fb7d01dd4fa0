package io.parley.kernel.transport;

import java.util.ArrayDeque;

/**
 * Paces one connection's requests whose answers may be large (SYNC pages, COMMAND results such as history) to what
 * the connection reads: at most {@value #MAX_IN_FLIGHT} are worked on at once, and the next starts only while the
 * connection is writable (its outbound buffer under the high-water mark), so a client that asks and never reads gets
 * no more answers built than one buffer's worth. At most {@code maxWaiting} wait; past that a request is refused
 * (the caller answers SERVER_BUSY). Confined to the connection's event loop.
 */
final class RequestPacer {
    static final int MAX_IN_FLIGHT = 4;

    private final int maxWaiting;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    RequestPacer(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /** Queues a request's start; false (and nothing queued) when {@code maxWaiting} already wait. */
    boolean offer(Runnable start) {
        if (waiting.size() >= maxWaiting) {
            return false;
        }
        waiting.add(start);
        return true;
    }

    /** Starts what may start now. */
    void pump(boolean writable) {
        while (writable && inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            inFlight++;
            waiting.poll().run();
        }
    }

    /** A started request's answer was written. */
    void done() {
        inFlight--;
    }
}
