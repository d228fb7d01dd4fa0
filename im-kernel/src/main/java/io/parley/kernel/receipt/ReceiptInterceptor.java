package io.parley.kernel.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.message.ContentFields;
import io.parley.kernel.access.ConversationAccess;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Records group read receipts: a member's {@code RC:RRRspMsg} ({@code {receiptMessageDic: {sender: [uids]}}})
 * marks each listed message of that group as read by them. The response is then delivered as the status
 * message it is. Runs on the group's stripe.
 */
public final class ReceiptInterceptor implements MessageInterceptor {
    public static final String RESPONSE = "RC:RRRspMsg";

    private final ReadReceipts receipts;
    private final ConversationAccess access;
    private final Clock clock;

    @Inject
    public ReceiptInterceptor(ReadReceipts receipts, ConversationAccess access, Clock clock) {
        this.receipts = receipts;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kernel.read-receipts";
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        if (!message.objectName().equals(RESPONSE) || message.conversationType() != ConversationType.GROUP) {
            return Decision.proceed();
        }
        JsonNode dictionary = ContentFields.parse(message.content()).path("receiptMessageDic");
        long now = clock.millis();
        dictionary.fields().forEachRemaining(entry -> {
            for (JsonNode uid : entry.getValue()) {
                access.messageIn(message.fromUserId(), ConversationType.GROUP, message.targetId(), uid.asText(), true);
                receipts.record(uid.asText(), message.fromUserId(), now);
            }
        });
        return Decision.proceed();
    }
}
