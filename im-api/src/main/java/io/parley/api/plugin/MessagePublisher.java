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

    /**
     * Sends {@code message} as a status message whatever the kind of its type ({@link
     * io.parley.api.model.MessageKind#STATUS}): never stored, delivered to the recipients' online devices only, as
     * RongCloud's {@code /statusmessage/...} endpoints and online broadcasts send. Completes as {@link #publish} does.
     * (A default so that test doubles need not implement it.)
     */
    default CompletionStage<Message> publishStatus(OutgoingMessage message) {
        throw new UnsupportedOperationException("this publisher does not send status messages");
    }
}
