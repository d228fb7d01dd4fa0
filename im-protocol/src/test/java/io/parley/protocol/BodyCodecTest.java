package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.SendBody;
import org.junit.jupiter.api.Test;

class BodyCodecTest {

    @Test
    void aCborTextStringThatIsNotUtf8IsMalformed() {
        // {"content": text(3) ED A0 80}: UTF-8's shape for U+D800, a surrogate, which UTF-8 may not encode
        byte[] body = {(byte) 0xa1, 0x67, 'c', 'o', 'n', 't', 'e', 'n', 't', 0x63, (byte) 0xed, (byte) 0xa0, (byte) 0x80};

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
}
