package io.parley.kernel.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.EventBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a connection gets between its registration and its CONNACK: held, then sent after it, in order. */
class ConnAckGateTest {

    private static EmbeddedChannel gated() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(ConnAckGate.NAME, new ConnAckGate());
        return channel;
    }

    private static Frame event(String name) {
        return Frame.of(Command.EVENT, 0, new EventBody(name, Map.of()));
    }

    private static Frame connAck(int code) {
        return Frame.of(Command.CONNACK, 1, new ConnAckBody(code, code == 0 ? "connected" : "refused", "amy", "s1",
                1_700_000_000_000L, 7, 30, 1 << 20));
    }

    private static List<Object> written(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        Object next;
        while ((next = channel.readOutbound()) != null) {
            out.add(next);
        }
        return out;
    }

    @Test
    void whatIsSentBeforeTheConnAckFollowsItInOrder() {
        EmbeddedChannel channel = gated();
        ByteBuf shared = Unpooled.copiedBuffer("an encoded DELIVER", StandardCharsets.UTF_8);
        channel.writeAndFlush(event("first"));
        channel.writeAndFlush(shared);
        assertThat(written(channel)).as("nothing before CONNACK").isEmpty();

        channel.writeAndFlush(connAck(0));
        channel.writeAndFlush(event("after"));

        List<Object> out = written(channel);
        assertThat(out).hasSize(4);
        assertThat(((Frame) out.get(0)).command()).isEqualTo(Command.CONNACK);
        assertThat(((Frame) out.get(1)).body(EventBody.class).name()).isEqualTo("first");
        assertThat(out.get(2)).isSameAs(shared);
        assertThat(((Frame) out.get(3)).body(EventBody.class).name()).isEqualTo("after");
        assertThat(channel.pipeline().get(ConnAckGate.NAME)).as("the gate leaves once open").isNull();
        shared.release();
    }

    @Test
    void aRefusedConnAckDropsWhatWasHeldAndErrorsPassAtOnce() {
        EmbeddedChannel channel = gated();
        ByteBuf shared = Unpooled.copiedBuffer("an encoded DELIVER", StandardCharsets.UTF_8);
        channel.writeAndFlush(shared);
        channel.writeAndFlush(Frame.of(Command.ERROR, 0, new ErrorBody(33003, "not connected", false)));
        assertThat(written(channel)).extracting(o -> ((Frame) o).command()).containsExactly(Command.ERROR);

        channel.writeAndFlush(connAck(30001));
        assertThat(written(channel)).extracting(o -> ((Frame) o).command()).containsExactly(Command.CONNACK);
        assertThat(shared.refCnt()).as("the held frame was released").isZero();
    }

    @Test
    void aConnectionThatClosesBeforeItsConnAckReleasesWhatWasHeld() {
        EmbeddedChannel channel = gated();
        ByteBuf shared = Unpooled.copiedBuffer("an encoded DELIVER", StandardCharsets.UTF_8);
        channel.writeAndFlush(shared);
        channel.close();
        assertThat(shared.refCnt()).isZero();
    }

    @Test
    void tooMuchWaitingForTheConnAckClosesTheConnection() {
        EmbeddedChannel channel = gated();
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i <= ConnAckGate.MAX_HELD; i++) {
            ByteBuf frame = Unpooled.buffer(1).writeByte(i);
            frames.add(frame);
            channel.writeAndFlush(frame);
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat(frames).allSatisfy(frame -> assertThat(frame.refCnt()).isZero());
        assertThat(written(channel)).isEmpty();
    }
}
