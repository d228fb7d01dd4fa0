package io.parley.builtin.receipt;

import io.parley.api.model.ConversationType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.route.CommandBodies;
import io.parley.api.plugin.ConversationService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code message.receipts {targetId, messageUid}} → {@code {readCount, readers:[{userId, time}]}} for a group
 * message; the caller must be a member.
 */
public final class ReceiptCommands {
    private final ReadReceipts receipts;
    private final ConversationService access;

    public ReceiptCommands(ReadReceipts receipts, ConversationService access) {
        this.receipts = receipts;
        this.access = access;
    }

    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("message.receipts", (caller, body) -> {
            String groupId = CommandBodies.requiredString(body, "targetId");
            String uid = CommandBodies.requiredString(body, "messageUid");
            access.message(caller.userId(), ConversationType.GROUP, groupId, uid, true);
            List<Map<String, Object>> readers = new ArrayList<>();
            receipts.readers(uid).forEach((reader, time) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("userId", reader);
                entry.put("time", time);
                readers.add(entry);
            });
            return Map.of("readCount", readers.size(), "readers", readers);
        }));
    }
}
