package io.parley.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void eachUnitIsRead() {
        assertThat(Durations.parse("k", "250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("k", "7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aBareNumberIsMillisecondsAndSpacesAroundAndBeforeTheUnitAreAllowed() {
        assertThat(Durations.parse("k", "1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("k", " 10 s ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("k", "0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-5s", "1.5s", "10 sec", "10S", "5 m s", "ten", "1e3"})
    void anythingElseIsAnInvalidParameterNamingTheKeyAndTheValue(String text) {
        assertThatThrownBy(() -> Durations.parse("push.timeout", text))
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_PARAMETER))
                .hasMessageContaining("push.timeout").hasMessageContaining("'" + text + "'");
    }

    /** A number too large for a Duration is a config error too, never a negative or wrapped duration. */
    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "9223372036854775807us", "9223372036854775807d",
            "9223372036854775807h"})
    void aNumberTooLargeIsAnInvalidParameter(String text) {
        assertThatThrownBy(() -> Durations.parse("retention", text))
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_PARAMETER))
                .hasMessageContaining("retention");
    }
}
