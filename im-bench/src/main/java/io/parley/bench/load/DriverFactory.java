package io.parley.bench.load;

import java.net.InetSocketAddress;

/** Makes the driver the options ask for. */
public final class DriverFactory {
    private DriverFactory() {
    }

    /**
     * @param expectSeq whether a SEND_ACK with seq 0 means the message was dropped (Parley's chatrooms)
     */
    public static LoadDriver create(LoadOptions options, InetSocketAddress address, LoadStats stats, String runId,
            boolean expectSeq) {
        return switch (options.driver()) {
            case LEAN -> new LeanDriver(options, address, stats, runId, expectSeq);
            case SDK -> new SdkDriver(options, address, stats, expectSeq);
        };
    }
}
