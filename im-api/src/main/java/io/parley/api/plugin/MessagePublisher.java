package io.parley.api.plugin;

import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import java.util.concurrent.CompletionStage;

/**
 * Sends a message through the whole write path: business type, interceptors, commit, delivery, listeners.
 * Thread-safe; never blocks. The stage completes once the message is committed and durable, or
 * exceptionally with an {@code ImException} (rejected, unknown type, storage failure).
 */
public interface MessagePublisher {

    CompletionStage<Message> publish(OutgoingMessage message);
}
