package io.parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.WireMessage;
import org.junit.jupiter.api.Test;

class LeanCodecTest {
    @Test
    void aLeanSendDecodesWithTheProtocolCodec() {
        String content = ContentStamp.content(123_456_789_012L, 42, ContentStamp.padding(300));
        ByteBuf buf = Unpooled.buffer();
        LeanCodec.writeSend(buf, 77, "run-1", 1, "bob", "RC:TxtMsg", content);
        int length = buf.readInt();
        Frame frame = FrameCodec.decodeAfterLength(buf, length);
        assertEquals(Command.SEND, frame.command());
        assertEquals(77, frame.requestId());
        assertEquals(new SendBody("run-1", 1, "bob", "RC:TxtMsg", content, null, null, null, null), frame.body());
    }

    @Test
    void theScannerReadsSendAckFieldsAsTheServerWritesThem() {
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(Frame.of(Command.SEND_ACK, 9, new SendAckBody(20604, "too fast", "c-1", null, 0, 0, 0)), buf);
        assertEquals(20604, CborScanner.findLong(buf, 11, "code", -1));
        assertEquals(0, CborScanner.findLong(buf, 11, "seq", -1));
        assertEquals(-1, CborScanner.findLong(buf, 11, "absent", -1));
        ByteBuf ok = Unpooled.buffer();
        FrameCodec.encode(Frame.of(Command.SEND_ACK, 9,
                new SendAckBody(0, null, "c-1", "AAAA-BBBB", 5_000_000_000L, 1_700_000_000_000L, 300)), ok);
        assertEquals(0, CborScanner.findLong(ok, 11, "code", -1));
        assertEquals(5_000_000_000L, CborScanner.findLong(ok, 11, "seq", -1));
        assertEquals(300, CborScanner.findLong(ok, 11, "inboxSeq", -1));
    }

    @Test
    void aStampIsFoundInADeliverFrameAndInContent() {
        String content = ContentStamp.content(987_654_321L, 17, "xx");
        ByteBuf buf = Unpooled.buffer();
        FrameCodec.encode(Frame.of(Command.DELIVER, 0, new DeliverBody(new WireMessage(3, 1, "alice", "bob",
                "RC:TxtMsg", content, null, null, "U", 1, 2, "c", true, true))), buf);
        assertEquals(new ContentStamp.Stamp(987_654_321L, 17), ContentStamp.find(buf, 11, buf.writerIndex()));
        assertEquals(new ContentStamp.Stamp(987_654_321L, 17), ContentStamp.parse(content));
        assertFalse(ContentStamp.parse("{\"content\":\"hi\"}").present());
        assertFalse(ContentStamp.parse("{\"bt\":12}").present());
    }
}
