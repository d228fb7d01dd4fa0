package io.parley.plugin.chatroom;

import io.parley.api.model.Message;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recall of a room message still in the ring. The kernel checks a recall ({@code RC:RcCmd}, from a member or from
 * {@code /message/recall.json}) against {@link Room#kept}, then sends the command into the room like any message:
 * online members get the {@code RC:RcCmd} (as RongCloud delivers it; their SDK replaces its copy with an
 * {@code RC:RcNtf}), and when it reaches the ring the recalled message is replaced there by its {@code RC:RcNtf}
 * note, the form the kernel's sync and history serve for recalled stored messages: {@code operatorId},
 * {@code recallTime}, {@code originalObjectName}, {@code isAdmin}, {@code delete}. Stateless; reads the few
 * fields it needs without a JSON library.
 */
final class RoomRecall {
    static final String COMMAND = "RC:RcCmd";
    static final String NOTE = "RC:RcNtf";

    private static final Pattern UID = Pattern.compile("\"messageUId\"\\s*:\\s*\"([^\"\\\\]*)\"");
    private static final Pattern ADMIN = flag("isAdmin");
    private static final Pattern DELETE = flag("isDelete");

    private RoomRecall() {
    }

    private static Pattern flag(String name) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*(?:1|true|\"1\"|\"true\")\\s*[,}]");
    }

    static boolean isRecall(Message message) {
        return message.objectName().equals(COMMAND);
    }

    static boolean isNote(Message message) {
        return message.objectName().equals(NOTE);
    }

    /** The UID of the message a recall command names, if it names one. */
    static Optional<String> recalledUid(Message command) {
        Matcher matcher = UID.matcher(command.content());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The recalled message as the ring keeps it from now on: same UID, seq, sender and time. */
    static Message note(Message recalled, Message command) {
        return note(recalled, mark(command));
    }

    /**
     * What the stored history remembers of a recall: operator, recall time, admin and delete flags, one per line
     * (user ids have no line breaks).
     */
    static String mark(Message command) {
        boolean admin = command.source().isEmpty() && ADMIN.matcher(command.content()).find();
        return command.fromUserId() + "\n" + command.sentTime() + "\n" + admin + "\n"
                + DELETE.matcher(command.content()).find();
    }

    /** The recall note of {@code recalled} after a {@link #mark}. */
    static Message note(Message recalled, String mark) {
        String[] parts = mark.split("\n", -1);
        String content = "{\"operatorId\":\"" + escape(parts[0]) + "\",\"recallTime\":" + Long.parseLong(parts[1])
                + ",\"originalObjectName\":\"" + escape(recalled.objectName()) + "\",\"isAdmin\":"
                + Boolean.parseBoolean(parts[2]) + ",\"delete\":" + Boolean.parseBoolean(parts[3]) + "}";
        return new Message(recalled.conversation(), recalled.fromUserId(), recalled.targetId(), NOTE, content,
                Optional.empty(), Optional.empty(), true, false, recalled.clientMsgId(), recalled.source(),
                recalled.seq(), recalled.messageUid(), recalled.sentTime());
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
