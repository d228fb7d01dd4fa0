package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.body.DeliverBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2147483648", "2147483647"})
    void aJsonRequestIdWithinInt32IsKept(String requestId) {
        Frame frame = BodyCodec.fromJsonText("{\"type\":\"PING\",\"requestId\":" + requestId + ",\"body\":{}}");

        assertThat(frame.requestId()).isEqualTo(Integer.parseInt(requestId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"PING\"}", "{\"type\":\"PING\",\"requestId\":null}"})
    void aMissingOrNullJsonRequestIdIsZero(String text) {
        assertThat(BodyCodec.fromJsonText(text).requestId()).isZero();
    }

    /** 4294967298 would wrap to 2 and answer someone else's request 2; -2147483649 would wrap to 2147483647. */
    @ParameterizedTest
    @ValueSource(strings = {"4294967298", "2147483648", "-2147483649", "18446744073709551618", "1.5", "2.0", "1e3",
            "\"2\"", "true", "[2]", "{}"})
    void aJsonRequestIdOutsideInt32OrNotAnIntegerIsMalformed(String requestId) {
        assertThatThrownBy(() -> BodyCodec.fromJsonText("{\"type\":\"PING\",\"requestId\":" + requestId + "}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.MALFORMED_FRAME))
                .hasMessageContaining("requestId");
    }

    @Test
    void aCborTextStringThatIsNotUtf8IsMalformed() {
        // {"content": text(3) ED A0 80}: UTF-8's shape for U+D800, a surrogate, which UTF-8 may not encode
        byte[] body = {(byte) 0xa1, 0x67, 'c', 'o', 'n', 't', 'e', 'n', 't',
                0x63, (byte) 0xed, (byte) 0xa0, (byte) 0x80};

        assertThatThrownBy(() -> BodyCodec.fromCbor(Command.SEND, body, 0, body.length))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.MALFORMED_FRAME))
                .hasMessageContaining("not Unicode").hasMessageContaining("content");
    }

    @Test
    void aJsonUnpairedSurrogateEscapeIsMalformed() {
        assertThatThrownBy(() -> BodyCodec.fromJsonText(
                "{\"type\":\"COMMAND\",\"body\":{\"name\":\"x\",\"body\":{\"list\":[\"ok\",\"\\udc00\"]}}}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.MALFORMED_FRAME))
                .hasMessageContaining("body.list[1]");
    }

    @Test
    void aPairedSurrogateEscapeIsText() {
        Frame frame = BodyCodec.fromJsonText("{\"type\":\"SEND\",\"body\":{\"content\":\"\\ud83d\\ude00\"}}");

        assertThat(frame.body(SendBody.class).content()).isEqualTo("😀");
    }

    /** An ERROR may quote what a client sent; it must still reach the client, with U+FFFD for what is not text. */
    @Test
    void aBodyHoldingAnUnpairedSurrogateStillEncodes() {
        byte[] cbor = BodyCodec.toCbor(new ErrorBody(33001, "cannot decode \ud800 here", true));

        ErrorBody decoded = (ErrorBody) BodyCodec.fromCbor(Command.ERROR, cbor, 0, cbor.length);
        assertThat(decoded.message()).isEqualTo("cannot decode \ufffd here");
    }

    private static WireMessage wire(boolean notice) {
        return new WireMessage(0, 3, "team", "plugin:reactions", "Reactions:Changed", "{\"n\":1}", null, null,
                "BQ3K-2C4A-7M00-0002", 4, 1_700_000_000_002L, "c-2", false, false, notice);
    }

    @Test
    void aNoticeIsFlaggedOnTheWireInCborAndJson() {
        byte[] cbor = BodyCodec.toCbor(new DeliverBody(wire(true)));
        DeliverBody fromCbor = (DeliverBody) BodyCodec.fromCbor(Command.DELIVER, cbor, 0, cbor.length);
        String json = BodyCodec.toJsonText(Frame.of(Command.DELIVER, 0, new DeliverBody(wire(true))));

        assertThat(fromCbor.message().notice()).isTrue();
        assertThat(json).contains("\"notice\":true");
        assertThat(BodyCodec.fromJsonText(json).body(DeliverBody.class).message()).isEqualTo(wire(true));
    }

    /** Messages are written as before the flag existed (no {@code notice} field), and read without it as false. */
    @Test
    void aMessageThatIsNoNoticeCarriesNoFlagAndReadsAsNone() {
        String json = BodyCodec.toJsonText(Frame.of(Command.DELIVER, 0, new DeliverBody(wire(false))));
        byte[] cbor = BodyCodec.toCbor(new DeliverBody(wire(false)));

        assertThat(json).doesNotContain("notice");
        assertThat(new String(cbor, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("notice");
        assertThat(BodyCodec.fromJsonText(json).body(DeliverBody.class).message().notice()).isFalse();
        assertThat(((DeliverBody) BodyCodec.fromCbor(Command.DELIVER, cbor, 0, cbor.length)).message())
                .isEqualTo(wire(false));
    }
}
