package io.parley.api.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RongCloud's form rules: repeated keys in order, an empty value counts as absent, lists split on commas. */
class ApiRequestTest {

    private static ApiRequest request(Map<String, List<String>> params) {
        return new ApiRequest("/x.json", params, Optional.empty());
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        ApiRequest request = request(Map.of("a", List.of("", "second"), "b", List.of("")));

        assertThat(request.optional("a")).contains("second");
        assertThat(request.optional("b")).isEmpty();
        assertThat(request.optional("missing")).isEmpty();
    }

    @Test
    void aMissingRequiredParameterIsA1002NamingIt() {
        assertThatThrownBy(() -> request(Map.of("userId", List.of(""))).required("userId"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(1002))
                .hasMessage("userId is required");
    }

    @Test
    void aListTakesRepeatedKeysAndCommaJoinedValuesInOrderWithoutBlanks() {
        ApiRequest request = request(Map.of("userId", List.of("a, b", "c", ",,", " d ")));

        assertThat(request.list("userId")).containsExactly("a", "b", "c", "d");
        assertThat(request.list("none")).isEmpty();
    }

    @Test
    void booleansAreTrueFalseOneOrZero() {
        ApiRequest request = request(Map.of("t", List.of("TRUE"), "one", List.of("1"), "f", List.of("false"),
                "zero", List.of("0"), "bad", List.of("yes")));

        assertThat(request.bool("t", false)).isTrue();
        assertThat(request.bool("one", false)).isTrue();
        assertThat(request.bool("f", true)).isFalse();
        assertThat(request.bool("zero", true)).isFalse();
        assertThat(request.bool("absent", true)).isTrue();
        assertThatThrownBy(() -> request.bool("bad", false)).isInstanceOf(ImException.class)
                .hasMessageContaining("bad must be 0, 1, true or false");
    }

    @Test
    void numbersAreReadOrRefusedByName() {
        ApiRequest request = request(Map.of("n", List.of(" 42 "), "x", List.of("4x")));

        assertThat(request.longValue("n", 0)).isEqualTo(42);
        assertThat(request.longValue("absent", 7)).isEqualTo(7);
        assertThat(request.requiredLong("n")).isEqualTo(42);
        assertThatThrownBy(() -> request.longValue("x", 0)).isInstanceOf(ImException.class)
                .hasMessage("x must be a number");
        assertThatThrownBy(() -> request.requiredLong("absent")).isInstanceOf(ImException.class)
                .hasMessage("absent is required");
    }

    @Test
    void theParametersAreACopy() {
        java.util.HashMap<String, List<String>> params = new java.util.HashMap<>(Map.of("a", List.of("1")));
        ApiRequest request = request(params);

        params.put("b", List.of("2"));

        assertThat(request.optional("b")).isEmpty();
    }
}
