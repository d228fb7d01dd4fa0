package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParserTest {

    @Test
    void repeatedKeysKeepEveryValueInOrder() {
        Map<String, List<String>> params = FormParser.parse("", "toUserId=u3&fromUserId=a&toUserId=u1&toUserId=u2");

        assertThat(params.get("toUserId")).containsExactly("u3", "u1", "u2");
        assertThat(params.get("fromUserId")).containsExactly("a");
    }

    @Test
    void decodesPlusAndPercentTwentyAsSpaceAndUtf8Escapes() {
        Map<String, List<String>> params = FormParser.parse("", "a=hello+world&b=hello%20world&c=%E4%BD%A0%E5%A5%BD");

        assertThat(params.get("a")).containsExactly("hello world");
        assertThat(params.get("b")).containsExactly("hello world");
        assertThat(params.get("c")).containsExactly("你好");
    }

    @Test
    void mergesQueryAndBodyQueryFirst() {
        Map<String, List<String>> params = FormParser.parse("userId=q&page=1", "userId=b&name=x");

        assertThat(params.get("userId")).containsExactly("q", "b");
        assertThat(params.get("page")).containsExactly("1");
        assertThat(params.get("name")).containsExactly("x");
    }

    /** Form encoding separates parameters with '&' only; a raw ';' (e.g. from curl -d) belongs to the value. */
    @Test
    void unescapedSemicolonStaysInTheValue() {
        Map<String, List<String>> params = FormParser.parse("", "content=a;b&x=1");

        assertThat(params.get("content")).containsExactly("a;b");
        assertThat(params).containsOnlyKeys("content", "x");
    }

    /** curl -d 'content=see #12&toUserId=bob' sends a raw '#': it was taken for a fragment, and toUserId was lost. */
    @Test
    void unescapedHashStaysInTheValueAndTheRestOfTheFormIsKept() {
        Map<String, List<String>> params = FormParser.parse("", "content=see #12&toUserId=bob");

        assertThat(params.get("content")).containsExactly("see #12");
        assertThat(params.get("toUserId")).containsExactly("bob");
    }

    @Test
    void emptyInputsGiveNoParameters() {
        assertThat(FormParser.parse("", "")).isEmpty();
        assertThat(FormParser.parse(null, null)).isEmpty();
    }

    @Test
    void malformedEscapeIsA1002Error() {
        assertThatThrownBy(() -> FormParser.parse("", "a=%zz"))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("malformed")
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(1002));
    }
}
