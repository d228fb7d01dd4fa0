package io.parley.kernel.auth;

import io.parley.kernel.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MetadataStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final String SECRET = "app-secret-1";

    /** A MetadataStore in a ConcurrentHashMap keyed by namespace and key. */
    static final class MapMetadataStore implements MetadataStore {
        private final Map<String, String> entries = new ConcurrentHashMap<>();

        private static String id(String namespace, String key) {
            return namespace + "\u0000" + key;
        }

        @Override
        public Optional<String> get(String namespace, String key) {
            return Optional.ofNullable(entries.get(id(namespace, key)));
        }

        @Override
        public void put(String namespace, String key, String value) {
            entries.put(id(namespace, key), value);
        }

        @Override
        public void delete(String namespace, String key) {
            entries.remove(id(namespace, key));
        }

        @Override
        public Map<String, String> scan(String namespace, String keyPrefix) {
            Map<String, String> result = new TreeMap<>();
            String prefix = id(namespace, keyPrefix);
            entries.forEach((id, value) -> {
                if (id.startsWith(prefix)) {
                    result.put(id.substring(namespace.length() + 1), value);
                }
            });
            return result;
        }
    }

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final MapMetadataStore metadata = new MapMetadataStore();
    private final TokenService tokens = new TokenService(SECRET, clock, Duration.ZERO, metadata);

    private static ImException thrownBy(Runnable call) {
        try {
            call.run();
        } catch (ImException e) {
            return e;
        }
        throw new AssertionError("expected an ImException");
    }

    private static String flip(char c) {
        return String.valueOf(c == 'A' ? 'B' : 'A');
    }

    @Test
    void tokenRoundTripsToItsUser() {
        String token = tokens.issue("alice");

        TokenService.TokenClaims claims = tokens.verify(token);

        assertThat(claims.userId()).isEqualTo("alice");
        assertThat(claims.issuedAtMillis()).isEqualTo(clock.millis());
    }

    /** UserId allows + | = - _; a '|' in the id collides with the token's field separator (see report). */
    @Test
    void userIdContainingPipeRoundTrips() {
        String userId = "a+b|c=d-e_f";

        assertThat(tokens.verify(tokens.issue(userId)).userId()).isEqualTo(userId);
    }

    @Test
    void tokenWithAFlippedCharacterIsInvalid() {
        String token = tokens.issue("alice");
        int inPayload = 3;
        int inSignature = token.indexOf('.') + 10;
        String payloadFlipped = token.substring(0, inPayload) + flip(token.charAt(inPayload)) + token.substring(inPayload + 1);
        String signatureFlipped = token.substring(0, inSignature) + flip(token.charAt(inSignature))
                + token.substring(inSignature + 1);

        assertThat(thrownBy(() -> tokens.verify(payloadFlipped)).errorCode()).isEqualTo(StandardErrorCode.TOKEN_INVALID);
        assertThat(thrownBy(() -> tokens.verify(signatureFlipped)).code()).isEqualTo(31004);
    }

    @Test
    void garbageIsInvalid() {
        assertThat(thrownBy(() -> tokens.verify("not-a-token")).code()).isEqualTo(31004);
        assertThat(thrownBy(() -> tokens.verify("a.b.c")).code()).isEqualTo(31004);
        assertThat(thrownBy(() -> tokens.verify(null)).code()).isEqualTo(31004);
    }

    @Test
    void tokenFromAnotherSecretIsInvalid() {
        String foreign = new TokenService("other-secret", clock, Duration.ZERO, metadata).issue("alice");

        assertThat(thrownBy(() -> tokens.verify(foreign)).errorCode()).isEqualTo(StandardErrorCode.TOKEN_INVALID);
    }

    @Test
    void expireTokensExpiresOnlyTokensIssuedBeforeThePoint() {
        String old = tokens.issue("alice");
        String bobs = tokens.issue("bob");
        clock.advance(Duration.ofMinutes(1));
        tokens.expireTokens("alice", clock.millis());
        clock.advance(Duration.ofMillis(1));
        String fresh = tokens.issue("alice");

        ImException expired = thrownBy(() -> tokens.verify(old));
        assertThat(expired.errorCode()).isEqualTo(StandardErrorCode.TOKEN_EXPIRED);
        assertThat(expired.code()).isEqualTo(31020);
        assertThat(tokens.verify(fresh).userId()).isEqualTo("alice");
        assertThat(tokens.verify(bobs).userId()).isEqualTo("bob");
    }

    @Test
    void expiryPointNeverMovesBackwards() {
        String old = tokens.issue("alice");
        clock.advance(Duration.ofMinutes(1));
        tokens.expireTokens("alice", clock.millis());
        tokens.expireTokens("alice", clock.millis() - Duration.ofHours(1).toMillis());

        assertThat(thrownBy(() -> tokens.verify(old)).errorCode()).isEqualTo(StandardErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void ttlExpiresOldTokens() {
        TokenService withTtl = new TokenService(SECRET, clock, Duration.ofHours(1), metadata);
        String token = withTtl.issue("alice");

        clock.advance(Duration.ofHours(1));
        assertThatCode(() -> withTtl.verify(token)).doesNotThrowAnyException();

        clock.advance(Duration.ofMillis(1));
        assertThat(thrownBy(() -> withTtl.verify(token)).errorCode()).isEqualTo(StandardErrorCode.TOKEN_EXPIRED);
    }
}
