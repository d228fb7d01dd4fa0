package io.parley.api.plugin;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ErrorCode;
import io.parley.api.model.OutgoingMessage;

/** What a {@link MessageInterceptor} decides about one message. The kernel walks the chain and acts on it. */
public sealed interface Decision permits Decision.Continue, Decision.Replace, Decision.Reject {

    /** Let the message pass unchanged to the next interceptor. */
    static Decision proceed() {
        return Continue.INSTANCE;
    }

    /** Pass this changed message on instead. */
    static Decision replace(OutgoingMessage message) {
        return new Replace(message);
    }

    /** Refuse the message: nothing is stored or delivered, and the sender gets {@code code}. */
    static Decision reject(ErrorCode code, String reason) {
        return new Reject(code, reason);
    }

    /** The message passes unchanged. */
    enum Continue implements Decision {
        INSTANCE
    }

    /** The message passes, changed. */
    record Replace(OutgoingMessage message) implements Decision {
        public Replace {
            requireNonNull(message, "message is null");
        }
    }

    /** The message is refused. */
    record Reject(ErrorCode code, String reason) implements Decision {
        public Reject {
            requireNonNull(code, "code is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
