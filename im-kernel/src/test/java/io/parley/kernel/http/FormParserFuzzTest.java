package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds hostile query strings and form bodies to the server API's {@link FormParser}. Every input must parse
 * to parameters that a standard form encoder writes back to the same parameters, or be refused as an invalid
 * parameter (1002).
 *
 * <p>Input: the query up to the first newline, one char a byte as Netty reads a request line; the rest is the
 * body, in UTF-8 as {@code ServerApiDispatcher} reads it. Without {@code JAZZER_FUZZ} this runs the seeds below
 * and those in {@code FormParserFuzzTestInputs/}; with it, it fuzzes ({@code scripts/fuzz}).
 */
class FormParserFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void parsesFormsOrRefusesThemAsInvalidParameters(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String query = new String(input, 0, newline, StandardCharsets.ISO_8859_1);
        String body = newline < input.length
                ? new String(input, newline + 1, input.length - newline - 1, StandardCharsets.UTF_8) : "";
        Map<String, List<String>> params;
        try {
            params = FormParser.parse(query, body);
        } catch (ImException refused) {
            assertThat(refused.errorCode()).as("refused with %s", refused)
                    .isEqualTo(StandardErrorCode.INVALID_PARAMETER);
            return;
        }
        assertThat(FormParser.parse("", encode(params))).isEqualTo(params);
    }

    /** Repeated keys, query and body, escapes, '+', raw ';' and '#', bad and cut escapes, bytes that are not UTF-8. */
    static Stream<byte[]> seeds() {
        return Stream.of("\nuserId=u1&name=Alice", "userId=q&page=1\nuserId=b&name=x",
                "\ntoUserId=u3&fromUserId=a&toUserId=u1&toUserId=u2",
                "\na=hello+world&b=hello%20world&c=%E4%BD%A0%E5%A5%BD",
                "\ncontent=a;b&x=1", "\ncontent=a#b&x=1", "\n=a&b&&c=", "\na=%zz", "\na=%", "\na=%E4%BD",
                "\na=%ED%A0%80&b=%FF", "a=%C3%A9\n", "")
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] input, byte wanted) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }

    /** The parameters as a standard form encoder writes them. */
    private static String encode(Map<String, List<String>> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((name, values) -> values.forEach(value -> form.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return form.toString();
    }
}
