package io.parley.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "A", "u_1-2", "a+b|c=d", "0123456789"})
    void lettersDigitsAndTheFiveSignsAreAUserId(String value) {
        assertThat(UserId.of(value).value()).isEqualTo(value);
        assertThat(UserId.of(value)).hasToString(value);
    }

    @Test
    void sixtyFourBytesIsTheLongest() {
        assertThat(UserId.of("a".repeat(UserId.MAX_BYTES)).value()).hasSize(64);

        assertThatThrownBy(() -> UserId.of("a".repeat(UserId.MAX_BYTES + 1)))
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_PARAMETER))
                .hasMessageContaining("1 to 64 bytes");
    }

    /** A colon would make {@code a:b} and the private-chat key {@code a:b} ambiguous; "plugin:x" is a notice sender. */
    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "plugin:poll", "a/b", "a.b", "ünï", "a\nb", "@all"})
    void anythingElseIsAnInvalidParameter(String value) {
        assertThatThrownBy(() -> UserId.of(value)).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(1002));
    }
}
