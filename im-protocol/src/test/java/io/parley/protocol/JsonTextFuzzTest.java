package io.parley.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds hostile text to the decoder of WebSocket JSON frames ({@code {"type":…,"requestId":…,"body":{…}}}), for
 * every command. Every input must decode to a frame that survives re-encoding in JSON and in binary, or be
 * refused with a documented error: malformed (33001) or unknown command (33004).
 *
 * <p>Input: the text in UTF-8, as a WebSocket text message carries it. Without {@code JAZZER_FUZZ} this runs
 * the seeds below and those in {@code JsonTextFuzzTestInputs/}; with it, it fuzzes ({@code scripts/fuzz}).
 */
class JsonTextFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void decodesTextFramesOrRefusesWithADocumentedError(byte[] input) {
        Frame frame;
        try {
            frame = BodyCodec.fromJsonText(new String(input, StandardCharsets.UTF_8));
        } catch (RuntimeException refused) {
            DecodeErrors.assertDocumented(refused, DecodeErrors.JSON_TEXT);
            return;
        }
        FrameRoundTrip.assertSurvivesReencoding(frame);
    }

    /**
     * Every command as the server writes it; then request ids missing, null, at and past the int32 bounds,
     * fractional and quoted; bodies missing, null and not objects; an unknown type, a type that is not a string;
     * an unpaired surrogate; nesting deeper than the decoder allows; text that is not JSON.
     */
    static Stream<byte[]> seeds() {
        List<String> texts = new ArrayList<>();
        SampleFrames.all().forEach(frame -> texts.add(BodyCodec.toJsonText(frame)));
        for (String requestId : List.of("null", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775808", "1.5", "1e3", "\"1\"")) {
            texts.add("{\"type\":\"PING\",\"requestId\":" + requestId + "}");
        }
        texts.add("{\"type\":\"PING\"}");
        texts.add("{\"type\":\"PING\",\"body\":null}");
        texts.add("{\"type\":\"ACK\",\"body\":[1]}");
        texts.add("{\"type\":\"ACK\",\"body\":\"x\"}");
        texts.add("{\"type\":\"NOPE\",\"body\":{}}");
        texts.add("{\"type\":5}");
        texts.add("{\"type\":\"SEND\",\"body\":{\"content\":\"\\ud800\"}}");
        texts.add("{\"type\":\"COMMAND\",\"body\":{\"name\":\"x\",\"body\":{\"n\":"
                + "[".repeat(2000) + "]".repeat(2000) + "}}}");
        texts.add("[]");
        texts.add("not json");
        return texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8));
    }
}
