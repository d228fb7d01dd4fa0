package io.parley.protocol;

import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.CommandBody;
import io.parley.protocol.body.CommandResultBody;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
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
import java.util.Optional;

/**
 * Every frame type of the client protocol, with its number on the wire and the record its body decodes to.
 * See {@code docs/protocol.md}.
 */
public enum Command {
    CONNECT(1, ConnectBody.class),
    CONNACK(2, ConnAckBody.class),
    PING(3, EmptyBody.class),
    PONG(4, EmptyBody.class),
    SEND(5, SendBody.class),
    SEND_ACK(6, SendAckBody.class),
    DELIVER(7, DeliverBody.class),
    SYNC(8, SyncBody.class),
    SYNC_RESULT(9, SyncResultBody.class),
    ACK(10, AckBody.class),
    KICKED(11, KickedBody.class),
    DISCONNECT(12, DisconnectBody.class),
    ERROR(13, ErrorBody.class),
    COMMAND(14, CommandBody.class),
    COMMAND_RESULT(15, CommandResultBody.class),
    EVENT(16, EventBody.class);

    private static final Command[] BY_CODE = new Command[32];

    static {
        for (Command command : values()) {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;
    private final Class<?> bodyType;

    Command(int code, Class<?> bodyType) {
        this.code = code;
        this.bodyType = bodyType;
    }

    public int code() {
        return code;
    }

    public Class<?> bodyType() {
        return bodyType;
    }

    public static Optional<Command> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
