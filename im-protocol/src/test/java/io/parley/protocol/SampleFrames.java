package io.parley.protocol;

import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.ConversationHead;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.EventBody;
import io.parley.protocol.body.KickedBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One frame of every command with every field set, as a client or the server sends it: the starting points of
 * the fuzz tests. Maps are sorted so that the same frame always encodes to the same bytes.
 */
public final class SampleFrames {
    private SampleFrames() {
    }

    public static List<Frame> all() {
        return Arrays.stream(Command.values()).map(SampleFrames::of).toList();
    }

    public static Frame of(Command command) {
        Object body = switch (command) {
            case CONNECT -> new ConnectBody("djF8YWxpY2V8MTcwMDAwMDAwMDAwMHxub25jZQ.c2ln", "device-1", "iOS", 42,
                    "parley-java/1.0");
            case CONNACK -> new ConnAckBody(0, "connected", "alice", "s-1", 1_700_000_000_000L, 7, 30,
                    FrameHeader.DEFAULT_MAX_FRAME_BYTES);
            case PING, PONG -> EmptyBody.INSTANCE;
            case SEND -> new SendBody("c-1", 1, "bob", "RC:TxtMsg", "{\"content\":\"hi 你好 😀\"}", "push", "data",
                    true, true, false);
            case SEND_ACK -> new SendAckBody(0, "ok", "c-1", "BQ3K-2C4A-7M00-0001", 3, 1_700_000_000_001L, 5);
            case DELIVER -> new DeliverBody(message());
            case SYNC -> new SyncBody(4L, List.of(cursor()), 50, "");
            case SYNC_RESULT -> new SyncResultBody(List.of(message()), 5, List.of(message()), false,
                    List.of(cursor()), List.of(new ConversationHead(3, "g1", 10)), "g1");
            case ACK -> new AckBody(5);
            case KICKED -> new KickedBody(31010, "another device connected");
            case DISCONNECT -> new DisconnectBody(true, "signed out");
            case ERROR -> new ErrorBody(33001, "malformed frame", true);
            case COMMAND -> new CommandBody("conversation.pin", nested());
            case COMMAND_RESULT -> new CommandResultBody(0, "ok", nested());
            case EVENT -> new EventBody("conversation.changed", nested());
        };
        return Frame.of(command, 7, body);
    }

    private static WireMessage message() {
        return new WireMessage(5, 1, "bob", "alice", "RC:TxtMsg", "{\"content\":\"hi\"}", "push", "data",
                "BQ3K-2C4A-7M00-0001", 3, 1_700_000_000_001L, "c-1", true, true);
    }

    private static ConversationCursor cursor() {
        return new ConversationCursor(3, "g1", 9);
    }

    /** Every kind of value a free-form body holds: strings, numbers, booleans, lists and maps. */
    private static Map<String, Object> nested() {
        return new TreeMap<>(Map.of(
                "conversationType", 1,
                "targetId", "bob",
                "pinned", true,
                "readTime", 1_700_000_000_000L,
                "ratio", 2.5,
                "keys", List.of("a", "b"),
                "values", new TreeMap<>(Map.of("k", new TreeMap<>(Map.of("v", "x", "ts", 1))))));
    }
}
