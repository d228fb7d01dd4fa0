package io.parley.builtin.recall;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.Decision;
import io.parley.builtin.common.LastStep;
import io.parley.builtin.common.ContentFields;
import java.time.Clock;
import java.time.Duration;

/**
 * Carries out a recall: every {@code RC:RcCmd} message, from a device or from the server API, passes here
 * before it is committed. Only the message's sender may recall it, within {@code message.recall-window};
 * the server API may recall any message as admin ({@code isAdmin}). The recalled message is marked, so that
 * sync and history serve its recall note from then on; the command itself is then committed and delivered
 * into the conversation, so that recipients' devices replace their copy. Runs on the conversation's stripe.
 */
public final class RecallInterceptor implements LastStep {
    public static final String RECALL_COMMAND = "RC:RcCmd";

    private final ConversationService conversations;
    private final RecallMarks marks;
    private final Clock clock;
    private final Duration window;

    public RecallInterceptor(ConversationService conversations, RecallMarks marks, Clock clock, Duration window) {
        this.conversations = conversations;
        this.marks = marks;
        this.clock = clock;
        this.window = window;
    }

    @Override
    public String name() {
        return "kernel.recall";
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        if (!message.objectName().equals(RECALL_COMMAND)) {
            return Decision.proceed();
        }
        JsonNode content = ContentFields.parse(message.content());
        String uid = ContentFields.text(content, "messageUId")
                .orElseThrow(() -> ImException.invalidParameter("a recall command needs messageUId"));
        boolean admin = message.fromServerApi() && ContentFields.flag(content, "isAdmin");
        ConversationType type = message.conversationType();
        // a system conversation is looked up from its recipient's side (the recall's target), with the sender
        Message original = type == ConversationType.SYSTEM
                ? conversations.message(message.targetId(), type, message.fromUserId(), uid, !message.fromServerApi())
                : conversations.message(message.fromUserId(), type, message.targetId(), uid, !message.fromServerApi());
        if (!admin) {
            if (!original.fromUserId().equals(message.fromUserId())) {
                throw new ImException(StandardErrorCode.MESSAGE_UNAUTHORIZED,
                        "only the sender or an admin may recall message " + uid);
            }
            if (clock.millis() - original.sentTime() > window.toMillis()) {
                throw new ImException(StandardErrorCode.MESSAGE_UNAUTHORIZED,
                        "message " + uid + " is older than the recall window of " + window.toSeconds() + "s");
            }
        }
        if (marks.find(uid).isEmpty()) {
            marks.mark(uid, new RecallMark(message.fromUserId(), clock.millis(), admin,
                    ContentFields.flag(content, "isDelete"), original.objectName()));
        }
        return Decision.proceed();
    }
}
