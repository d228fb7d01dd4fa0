package io.parley.builtin.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.builtin.common.ContentFields;
import io.parley.api.plugin.ConversationService;
import io.parley.builtin.common.LastStep;
import java.time.Clock;

/**
 * Records group read receipts: a member's {@code RC:RRRspMsg} ({@code {receiptMessageDic: {sender: [uids]}}})
 * marks each listed message of that group as read by them. The response is then delivered as the status
 * message it is. Runs on the group's stripe.
 */
public final class ReceiptInterceptor implements LastStep {
    public static final String RESPONSE = "RC:RRRspMsg";

    private final ReadReceipts receipts;
    private final ConversationService access;
    private final Clock clock;

    public ReceiptInterceptor(ReadReceipts receipts, ConversationService access, Clock clock) {
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
                access.message(message.fromUserId(), ConversationType.GROUP, message.targetId(), uid.asText(), true);
                receipts.record(uid.asText(), message.fromUserId(), now);
            }
        });
        return Decision.proceed();
    }
}
