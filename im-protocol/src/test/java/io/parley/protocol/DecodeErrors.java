package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.parley.api.error.ErrorCode;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.body.ErrorBody;
import java.util.Set;

/**
 * The refusals {@code docs/protocol.md} documents for bytes a client sends: a {@link ProtocolException} with one
 * of these codes, answered with a fatal ERROR. Anything else thrown while decoding is a crash: the server would
 * answer 1000 (internal error) and log it as unexpected.
 */
public final class DecodeErrors {
    /** Malformed (33001), too large (33002), unknown command (33004), unsupported version (31001). */
    public static final Set<ErrorCode> BINARY_FRAME = Set.of(StandardErrorCode.MALFORMED_FRAME,
            StandardErrorCode.FRAME_TOO_LARGE, StandardErrorCode.UNKNOWN_COMMAND,
            StandardErrorCode.CONNECT_PROTOCOL_VERSION);
    /** A text frame that is not a JSON frame (33001), or names an unknown command (33004). */
    public static final Set<ErrorCode> JSON_TEXT = Set.of(StandardErrorCode.MALFORMED_FRAME,
            StandardErrorCode.UNKNOWN_COMMAND);
    /** A body that is not a CBOR map of the command's body record (33001). */
    public static final Set<ErrorCode> CBOR_BODY = Set.of(StandardErrorCode.MALFORMED_FRAME);

    private DecodeErrors() {
    }

    /**
     * Checks that {@code thrown} is one of the {@code documented} refusals (as Netty's decoders do, a
     * {@link DecoderException} may wrap it), and that the server can answer it with its ERROR frame. Rethrows
     * anything else, so that the fuzzer reports it with its trace.
     */
    public static void assertDocumented(RuntimeException thrown, Set<ErrorCode> documented) {
        ProtocolException refusal = documentedRefusal(thrown, documented);
        FrameRoundTrip.assertSurvivesReencoding(answer(refusal));
    }

    /** As {@link #assertDocumented}, for a binary connection: the ERROR answer is checked in binary only. */
    public static void assertDocumentedOnBinary(RuntimeException thrown, Set<ErrorCode> documented) {
        ProtocolException refusal = documentedRefusal(thrown, documented);
        FrameRoundTrip.assertSurvivesBinaryReencoding(answer(refusal));
    }

    private static ProtocolException documentedRefusal(RuntimeException thrown, Set<ErrorCode> documented) {
        Throwable root = thrown instanceof DecoderException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (!(root instanceof ProtocolException refusal)) {
            throw thrown;
        }
        assertThat(documented).as("a documented refusal, got %s", refusal).contains(refusal.errorCode());
        return refusal;
    }

    /** The fatal ERROR the connection handler answers a refusal with. */
    private static Frame answer(ProtocolException refusal) {
        return Frame.of(Command.ERROR, 0, new ErrorBody(refusal.code(), refusal.getMessage(), true));
    }
}
