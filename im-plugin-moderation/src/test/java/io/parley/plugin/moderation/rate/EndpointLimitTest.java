package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointLimitTest {

    @Test
    void readsCallsPerPeriodInEveryWrittenForm() {
        assertThat(EndpointLimit.parse("k", "100/1s")).isEqualTo(EndpointLimit.of(100, Duration.ofSeconds(1)));
        assertThat(EndpointLimit.parse("k", "100/s")).isEqualTo(EndpointLimit.of(100, Duration.ofSeconds(1)));
        assertThat(EndpointLimit.parse("k", " 100 ")).as("a bare number is per second")
                .isEqualTo(EndpointLimit.of(100, Duration.ofSeconds(1)));
        assertThat(EndpointLimit.parse("k", "6000/1m")).isEqualTo(EndpointLimit.of(6000, Duration.ofMinutes(1)));
        assertThat(EndpointLimit.parse("k", "5/10M")).isEqualTo(EndpointLimit.of(5, Duration.ofMinutes(10)));
        assertThat(EndpointLimit.parse("k", "3/1d, 2/h").windows()).as("shortest period first").containsExactly(
                new EndpointLimit.Window(2, Duration.ofHours(1)), new EndpointLimit.Window(3, Duration.ofDays(1)));
        assertThat(EndpointLimit.parse("k", "off")).isEqualTo(EndpointLimit.OFF);
        assertThat(EndpointLimit.parse("k", "OFF").isOff()).isTrue();
        assertThat(EndpointLimit.parse("k", "0")).isEqualTo(EndpointLimit.OFF);
    }

    @Test
    void writesItselfBackAndForPeople() {
        EndpointLimit broadcast = EndpointLimit.parse("k", "2/1h,3/1d");
        assertThat(broadcast.format()).isEqualTo("2/1h,3/1d");
        assertThat(broadcast.describe()).isEqualTo("2 per hour and 3 per day");
        assertThat(EndpointLimit.parse("k", "20/s").describe()).isEqualTo("20 per second");
        assertThat(EndpointLimit.parse("k", "6000/60s").format()).isEqualTo("6000/1m");
        assertThat(EndpointLimit.parse("k", "6000/1m").describe()).isEqualTo("6000 per minute");
        assertThat(EndpointLimit.parse("k", "3/10m").describe()).isEqualTo("3 per 10m");
        assertThat(EndpointLimit.parse("k", "3/1500ms").format()).isEqualTo("3/1500ms");
        assertThat(EndpointLimit.OFF.format()).isEqualTo("off");
        assertThat(EndpointLimit.OFF.describe()).isEqualTo("no limit");
        for (String text : new String[] {"100/1s", "2/1h,3/1d", "1/2d", "off"}) {
            assertThat(EndpointLimit.parse("k", EndpointLimit.parse("k", text).format()))
                    .isEqualTo(EndpointLimit.parse("k", text));
        }
    }

    @Test
    void aMalformedLimitFailsNamingTheKeyAndTheValue() {
        for (String text : new String[] {"", "fast", "-1/1s", "10/", "10/0s", "10/1x", "1/100us", "2/1h,,3/1d", "1.5/1s"}) {
            assertThatThrownBy(() -> EndpointLimit.parse("moderation.rate.server-api.push", text)).as(text)
                    .isInstanceOf(ImException.class)
                    .hasMessageContaining("moderation.rate.server-api.push")
                    .hasMessageContaining("'" + text + "'");
        }
    }
}
