package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final String KEY = "app-key-1";
    private static final String SECRET = "Y1W2MeFwwwRxa0";
    private static final long NOW_MILLIS = 1_408_710_653_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW_MILLIS), ZoneOffset.UTC);

    private final SignatureVerifier verifier = new SignatureVerifier(KEY, SECRET, CLOCK, Duration.ofMinutes(5));

    /** Headers as they might arrive, unchecked (Netty's decoder trims values; the verifier must not rely on it). */
    private static HttpHeaders headers(String prefix, String appKey, String nonce, String timestamp, String signature) {
        return new DefaultHttpHeaders(false)
                .set(prefix + "App-Key", appKey)
                .set(prefix + "Nonce", nonce)
                .set(prefix + "Timestamp", timestamp)
                .set(prefix + "Signature", signature);
    }

    private static HttpHeaders signed(String nonce, String timestamp) {
        return headers("", KEY, nonce, timestamp, SignatureVerifier.sign(SECRET, nonce, timestamp));
    }

    private static ImException thrownBy(Runnable call) {
        try {
            call.run();
        } catch (ImException e) {
            return e;
        }
        throw new AssertionError("expected an ImException");
    }

    @Test
    void signMatchesReferenceVectorWithMillisecondTimestamp() {
        assertThat(SignatureVerifier.sign(SECRET, "14314", "1408710653000"))
                .isEqualTo("30be0bbca9c9b2e27578701e9fda2358a814c88f");
    }

    @Test
    void signMatchesReferenceVectorWithFractionalNonceAndSecondsTimestamp() {
        assertThat(SignatureVerifier.sign(SECRET, "523871.2290441387", "1408710653"))
                .isEqualTo("b3292884a1cbd6053061a148bf584bf27ab4c7a3");
    }

    @Test
    void acceptsPlainAndRcPrefixedHeaders() {
        assertThatCode(() -> verifier.verify(headers("", KEY, "14314", "1408710653000",
                "30be0bbca9c9b2e27578701e9fda2358a814c88f"))).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(headers("RC-", KEY, "14314", "1408710653000",
                "30be0bbca9c9b2e27578701e9fda2358a814c88f"))).doesNotThrowAnyException();
    }

    @Test
    void acceptsUpperCaseSignature() {
        assertThatCode(() -> verifier.verify(headers("", KEY, "523871.2290441387", "1408710653",
                "B3292884A1CBD6053061A148BF584BF27AB4C7A3"))).doesNotThrowAnyException();
    }

    @Test
    void acceptsSecondsAndMillisecondTimestampsInsideTheWindow() {
        assertThatCode(() -> verifier.verify(signed("1", Long.toString(NOW_MILLIS / 1000 - 240))))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(signed("2", Long.toString(NOW_MILLIS + 240_000))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesWrongSignature() {
        ImException error = thrownBy(() -> verifier.verify(headers("", KEY, "14314", "1408710653000",
                "30be0bbca9c9b2e27578701e9fda2358a814c88e")));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
        assertThat(error.code()).isEqualTo(1004);
    }

    @Test
    void refusesUnknownAppKey() {
        ImException error = thrownBy(() -> verifier.verify(headers("", "other-key", "14314", "1408710653000",
                "30be0bbca9c9b2e27578701e9fda2358a814c88f")));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.UNKNOWN_APP_KEY);
        assertThat(error.code()).isEqualTo(1002);
    }

    @Test
    void refusesTimestampOutsideTheWindowInSecondsAndMilliseconds() {
        ImException seconds = thrownBy(() -> verifier.verify(signed("1", Long.toString(NOW_MILLIS / 1000 - 301))));
        ImException millis = thrownBy(() -> verifier.verify(signed("2", Long.toString(NOW_MILLIS + 301_000))));

        assertThat(seconds.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
        assertThat(seconds).hasMessageContaining("window");
        assertThat(millis.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
    }

    @Test
    void theWindowCannotBeTurnedOff() {
        assertThatThrownBy(() -> new SignatureVerifier(KEY, SECRET, CLOCK, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSkew");
    }

    @Test
    void aTimestampWhoseMillisecondsOverflowIntoTheWindowIsRefused() {
        // a number of seconds whose product by 1000 wraps around to exactly now: 1000 = 8 * 125, now is a multiple of 8
        BigInteger twoTo61 = BigInteger.ONE.shiftLeft(61);
        long wrapping = BigInteger.valueOf(NOW_MILLIS / 8).multiply(BigInteger.valueOf(125).modInverse(twoTo61))
                .mod(twoTo61).subtract(twoTo61).longValueExact();
        assertThat(wrapping * 1000).as("the premise: it wraps to now").isEqualTo(NOW_MILLIS);

        ImException error = thrownBy(() -> verifier.verify(signed("1", Long.toString(wrapping))));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
        assertThat(error).hasMessageContaining("window");
    }

    @Test
    void aBlankNonceIsASignatureError() {
        for (String blank : new String[] {"", " ", "\t"}) {
            ImException error = thrownBy(() -> verifier.verify(signed(blank, "1408710653000")));

            assertThat(error.errorCode()).as("nonce '%s'", blank).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
            assertThat(error).hasMessageContaining("Nonce");
        }
    }

    @Test
    void answersTheSignatureInLowerCaseAndTheTimestampInMilliseconds() {
        SignatureVerifier.Verified verified = verifier.verify(headers("", KEY, "523871.2290441387", "1408710653",
                " B3292884A1CBD6053061A148BF584BF27AB4C7A3 "));

        assertThat(verified.signature()).isEqualTo(SignatureVerifier.sign(SECRET, "523871.2290441387", "1408710653"));
        assertThat(verified.timestampMillis()).isEqualTo(1_408_710_653_000L);
    }

    @Test
    void aSignatureOfAnotherLengthIsASignatureError() {
        ImException error = thrownBy(() -> verifier.verify(headers("", KEY, "14314", "1408710653000",
                "30be0bbca9c9b2e27578701e9fda2358a814c88f00")));

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR);
    }

    @Test
    void missingSignatureHeadersAreASignatureError() {
        HttpHeaders onlyKey = new DefaultHttpHeaders().set("App-Key", KEY);

        assertThatThrownBy(() -> verifier.verify(onlyKey))
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.SIGNATURE_ERROR));
    }
}
