package io.parley.kernel.receipt;

import io.parley.api.model.ConversationType;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import io.parley.api.route.CommandBodies;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.feature.KernelCommands;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code message.receipts {targetId, messageUid}} → {@code {readCount, readers:[{userId, time}]}} for a group
 * message; the caller must be a member.
 */
public final class ReceiptCommands implements KernelCommands {
    private final ReadReceipts receipts;
    private final ConversationAccess access;

    @Inject
    public ReceiptCommands(ReadReceipts receipts, ConversationAccess access) {
        this.receipts = receipts;
        this.access = access;
    }

    @Override
    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("message.receipts", (caller, body) -> {
            String groupId = CommandBodies.requiredString(body, "targetId");
            String uid = CommandBodies.requiredString(body, "messageUid");
            access.messageIn(caller.userId(), ConversationType.GROUP, groupId, uid, true);
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
