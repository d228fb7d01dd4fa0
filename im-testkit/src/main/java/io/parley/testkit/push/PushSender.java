package io.parley.testkit.push;

import java.util.List;
import java.util.Map;

/**
 * The suite's view of an adapter under test: the test subclass wraps its provider in this, pointed at the
 * fake. A call blocks until the adapter has an answer.
 */
public interface PushSender extends AutoCloseable {

    /** Sends one notification to {@code tokens} (all of app {@code appId}) and returns each token's outcome. */
    Map<String, SentOutcome> send(List<String> tokens, String appId, String title, String body, int badge,
            Map<String, String> data);

    /** How many tokens at most one send carries. */
    int maxBatchSize();

    @Override
    void close();
}
