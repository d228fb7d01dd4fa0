package io.parley.api.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RongCloudSignatureTest {

    /** Known answers, computed outside Java: {@code printf %s 'secretn0nce1700000000000' | sha1sum}. */
    @Test
    void theSignatureIsLowerCaseHexSha1OfSecretNonceAndTimestamp() {
        assertThat(RongCloudSignature.sign("secret", "n0nce", "1700000000000"))
                .isEqualTo("489b0b9718543dba0e19510fa1c85b24f39692ef");
        assertThat(RongCloudSignature.sign("Y1W2MeFwwwRxa", "14314", "1408710653491"))
                .isEqualTo("5737bf515656eaaa2ead9b6ef9ca33c128e2bcf6");
    }

    @Test
    void eachPartChangesTheSignature() {
        String signature = RongCloudSignature.sign("secret", "n0nce", "1700000000000");

        assertThat(RongCloudSignature.sign("secreT", "n0nce", "1700000000000")).isNotEqualTo(signature);
        assertThat(RongCloudSignature.sign("secret", "n0ncf", "1700000000000")).isNotEqualTo(signature);
        assertThat(RongCloudSignature.sign("secret", "n0nce", "1700000000001")).isNotEqualTo(signature);
    }

    @Test
    void aCallbackUrlGetsTheSigningQueryAppended() {
        String signed = RongCloudSignature.signCallbackUrl("https://app.example/cb", "key", "secret", "n0nce",
                1_700_000_000_000L);

        assertThat(signed).isEqualTo("https://app.example/cb?appKey=key&nonce=n0nce&signTimestamp=1700000000000"
                + "&signature=489b0b9718543dba0e19510fa1c85b24f39692ef");
    }

    @Test
    void aUrlWithAQueryKeepsItAndTheKeyAndNonceAreEncoded() {
        String signed = RongCloudSignature.signCallbackUrl("https://app.example/cb?x=1", "k y&", "secret", "a b",
                5L);

        assertThat(signed).startsWith("https://app.example/cb?x=1&appKey=k+y%26&nonce=a+b&signTimestamp=5&signature=")
                .endsWith(RongCloudSignature.sign("secret", "a b", "5"));
    }
}
