package io.parley.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * Opens and drives the simulated devices of a run: the lean protocol driver or the real client SDK. Both
 * record into the same {@link LoadStats} and tell the {@link AckListener} of each answered send.
 */
public interface LoadDriver extends AutoCloseable {
    /** Called once per SEND_ACK (ok or not), on a driver thread; it may send again. */
    interface AckListener {
        void acked(BenchConnection connection, boolean ok);
    }

    /**
     * Connects every user (CONNECT, CONNACK 0) and returns the connections that succeeded, in user order
     * (failures are counted in the stats). Returns once all are done or {@code timeout} has passed.
     */
    List<BenchConnection> connect(List<BenchUser> users, Duration timeout) throws InterruptedException;

    void onAck(AckListener listener);

    @Override
    void close();
}
