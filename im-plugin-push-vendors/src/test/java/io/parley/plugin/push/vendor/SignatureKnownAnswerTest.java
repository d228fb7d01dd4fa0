package io.parley.plugin.push.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.plugin.push.http.Jwts;
import io.parley.plugin.push.vendor.meizu.MeizuSignature;
import io.parley.plugin.push.vendor.oppo.OppoSignature;
import io.parley.plugin.push.vendor.vivo.VivoSignature;
import io.parley.testkit.push.JwtVerifier;
import io.parley.testkit.push.MeizuFake;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every signature scheme against the vendors' published vectors, or by round trip where none exists. */
class SignatureKnownAnswerTest {

    @Test
    void oppoSignsSha256OfKeyTimestampAndMasterSecret() {
        assertThat(OppoSignature.sign("fixtureAppKey", 1_700_000_000_000L, "fixtureMasterSecret"))
                .isEqualTo("162b0e82556dcc2dce25aa2243e0c0a9b117328a5b6d8cfb6b1f11ffb1b34789");
    }

    @Test
    void vivoSignsMd5OfIdKeyTimestampAndSecret() {
        assertThat(VivoSignature.sign("10004", "fixtureAppKey", 1_700_000_000_000L, "fixtureAppSecret"))
                .isEqualTo("1fad6a3cb4931905ece31f1edcf7a0a0");
    }

    @Test
    void meizuSignsMd5OfSortedRawParametersAndSecretAsItsGoSdkDoes() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("subSwitch", "1");
        params.put("pushId", "862891030007404100999");
        params.put("msgType", "0");
        params.put("appId", "100999");
        params.put("sign", "ignored");
        String secret = "531732bc45324098978bf41c6954c09e";

        assertThat(MeizuSignature.sign(params, secret)).isEqualTo("5bd43df385bec6f236c6417d437741e7");
        assertThat(MeizuFake.sign(params, secret)).isEqualTo("5bd43df385bec6f236c6417d437741e7");
    }

    @Test
    void es256TokensVerifyWithThePublicKeyInRawRsForm() {
        KeyPair key = TestKeys.p256();
        String jwt = Jwts.es256(Map.of("alg", "ES256", "kid", "ABC123DEFG"), Map.of("iss", "DEF123GHIJ", "iat", 1),
                Jwts.privateKey(TestKeys.pem(key), "EC"));

        JwtVerifier.Verified verified = JwtVerifier.verify(jwt, "ES256", key.getPublic());
        assertThat(verified.header().path("kid").asText()).isEqualTo("ABC123DEFG");
        assertThat(verified.claims().path("iss").asText()).isEqualTo("DEF123GHIJ");
        assertThat(jwt.split("\\.")[2]).hasSize(86); // 64 raw bytes of R and S, base64url without padding
        assertThatThrownBy(() -> JwtVerifier.verify(jwt, "ES256", TestKeys.p256().getPublic()))
                .hasMessageContaining("does not verify");
    }

    @Test
    void rs256TokensVerifyWithThePublicKeyAndATamperedOneDoesNot() {
        KeyPair key = TestKeys.rsa();
        String jwt = Jwts.rs256(Map.of("alg", "RS256", "typ", "JWT"), Map.of("iss", "a@b", "exp", 2),
                Jwts.privateKey(TestKeys.pem(key), "RSA"));

        assertThat(JwtVerifier.verify(jwt, "RS256", key.getPublic()).claims().path("iss").asText()).isEqualTo("a@b");
        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"evil\",\"exp\":2}".getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> JwtVerifier.verify(tampered, "RS256", key.getPublic()))
                .hasMessageContaining("does not verify");
    }
}
