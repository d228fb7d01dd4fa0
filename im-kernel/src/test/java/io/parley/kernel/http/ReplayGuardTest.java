package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.kernel.cluster.LocalOnceKeys;
import io.parley.kernel.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private static ImException thrownBy(Runnable call) {
        try {
            call.run();
        } catch (ImException e) {
            return e;
        }
        throw new AssertionError("expected an ImException");
    }

    private SignatureVerifier.Verified request(String signature, Duration age) {
        return new SignatureVerifier.Verified(signature, clock.millis() - age.toMillis());
    }

    private double refused(String reason) {
        return metrics.get("im.server_api.nonces.refused").tag("reason", reason).counter().count();
    }

    @Test
    void aRequestIsAcceptedOnceAndItsRepeatIsASignatureError() {
        ReplayGuard guard = new ReplayGuard(new LocalOnceKeys(10, clock), WINDOW, clock, metrics);
        SignatureVerifier.Verified request = request("aa", Duration.ZERO);

        assertThatCode(() -> guard.acceptOnce(request)).doesNotThrowAnyException();
        ImException repeat = thrownBy(() -> guard.acceptOnce(request));

        assertThat(repeat.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
        assertThat(repeat.code()).isEqualTo(1004);
        assertThat(repeat).hasMessageContaining("already used");
        assertThat(refused("replayed")).isEqualTo(1);
        assertThatCode(() -> guard.acceptOnce(request("bb", Duration.ZERO))).as("another request")
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestIsRememberedUntilItsTimestampLeavesTheWindowAndNoLonger() {
        LocalOnceKeys nonces = new LocalOnceKeys(10, clock);
        ReplayGuard guard = new ReplayGuard(nonces, WINDOW, clock, metrics);
        SignatureVerifier.Verified fourMinutesOld = request("old", Duration.ofMinutes(4));
        guard.acceptOnce(fourMinutesOld);

        clock.advance(Duration.ofSeconds(59));
        assertThat(thrownBy(() -> guard.acceptOnce(fourMinutesOld)).code()).as("still inside the window")
                .isEqualTo(1004);

        clock.advance(Duration.ofSeconds(1));
        guard.acceptOnce(request("other", Duration.ZERO));
        assertThat(nonces.size()).as("the old one left when its timestamp left the window, not 5 minutes after"
                + " it arrived").isEqualTo(1);
    }

    @Test
    void aFullStoreRefusesWithRateLimited() {
        ReplayGuard guard = new ReplayGuard(new LocalOnceKeys(1, clock), WINDOW, clock, metrics);
        guard.acceptOnce(request("first", Duration.ZERO));

        ImException error = thrownBy(() -> guard.acceptOnce(request("second", Duration.ZERO)));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.RATE_LIMITED);
        assertThat(error.code()).isEqualTo(1008);
        assertThat(ApiEnvelope.status(error.errorCode()).code()).isEqualTo(429);
        assertThat(refused("full")).isEqualTo(1);
    }

    @Test
    void aStoreThatCannotBeReachedRefusesTheRequestAsUnavailable() {
        SharedOnceKeys unreachable = (key, ttl) -> {
            throw new IllegalStateException("Redis did not answer within PT2S");
        };
        ReplayGuard guard = new ReplayGuard(unreachable, WINDOW, clock, metrics);

        ImException error = thrownBy(() -> guard.acceptOnce(request("any", Duration.ZERO)));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.SERVER_UNAVAILABLE);
        assertThat(ApiEnvelope.status(error.errorCode()).code()).isEqualTo(503);
        assertThat(refused("unavailable")).isEqualTo(1);
    }
}
