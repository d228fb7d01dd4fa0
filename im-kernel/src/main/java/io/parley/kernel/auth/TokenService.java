package io.parley.kernel.auth;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.UserId;
import io.parley.api.storage.MetadataStore;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.statistics.StatisticsRecorder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks client tokens. A token is {@code base64url(v1|userId|issuedAtMillis|nonce)} + "." +
 * {@code base64url(HMAC-SHA256)} keyed by the app secret, so the server needs no token table. A user's tokens
 * can be expired from a point in time ({@code /user/token/expire.json}): tokens issued before it fail with
 * TOKEN_EXPIRED. Thread-safe; {@link #verify} reads the metadata store and may block briefly.
 */
@Singleton
public final class TokenService {
    static final String REVOCATION_NAMESPACE = "kernel.token-expiry";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final Duration ttl;
    private final MetadataStore metadata;
    private final SecureRandom random = new SecureRandom();
    private final Consumer<String> issued;

    /** The server's token service: keyed by {@code app.secret}, tokens living {@code token.ttl}, each counted. */
    @Inject
    public TokenService(KernelConfig config, Clock clock, MetadataStore metadata, StatisticsRecorder statistics) {
        this(config.appSecret(), clock, config.tokenTtl(), metadata, statistics::tokenIssued);
    }

    public TokenService(String appSecret, Clock clock, Duration ttl, MetadataStore metadata) {
        this(appSecret, clock, ttl, metadata, userId -> {
        });
    }

    /** @param issued told of the user of each token issued, on the issuing thread; must be cheap and not block */
    public TokenService(String appSecret, Clock clock, Duration ttl, MetadataStore metadata, Consumer<String> issued) {
        this.key = ("parley-token:" + appSecret).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.ttl = ttl;
        this.metadata = metadata;
        this.issued = issued;
    }

    /** What a valid token says. */
    public record TokenClaims(String userId, long issuedAtMillis) {
    }

    public String issue(String userId) {
        UserId.of(userId);
        byte[] nonce = new byte[6];
        random.nextBytes(nonce);
        String payload = "v1|" + userId + "|" + clock.millis() + "|" + ENCODER.encodeToString(nonce);
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        issued.accept(userId);
        return encoded + "." + ENCODER.encodeToString(sign(encoded));
    }

    /** The claims of a valid token; TOKEN_INVALID for a forged or garbled one, TOKEN_EXPIRED for an expired one. */
    public TokenClaims verify(String token) {
        TokenClaims claims = parse(token).orElseThrow(
                () -> new ImException(StandardErrorCode.TOKEN_INVALID, "the token is not valid for this app"));
        if (!ttl.isZero() && clock.millis() - claims.issuedAtMillis() > ttl.toMillis()) {
            throw new ImException(StandardErrorCode.TOKEN_EXPIRED, "the token is older than token.ttl");
        }
        if (claims.issuedAtMillis() < expiredBefore(claims.userId())) {
            throw new ImException(StandardErrorCode.TOKEN_EXPIRED, "the token was expired by the app server");
        }
        return claims;
    }

    /** Makes every token of {@code userId} issued before {@code beforeMillis} invalid. */
    public void expireTokens(String userId, long beforeMillis) {
        UserId.of(userId);
        if (beforeMillis > expiredBefore(userId)) {
            metadata.put(REVOCATION_NAMESPACE, userId, Long.toString(beforeMillis));
        }
    }

    public long expiredBefore(String userId) {
        return metadata.get(REVOCATION_NAMESPACE, userId).map(Long::parseLong).orElse(0L);
    }

    private Optional<TokenClaims> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(encoded))) {
                return Optional.empty();
            }
            // v1|userId|issuedAt|nonce — the user id may itself hold '|', the nonce (base64url) never does.
            String payload = new String(DECODER.decode(encoded), StandardCharsets.UTF_8);
            int nonceBar = payload.lastIndexOf('|');
            int timeBar = nonceBar > 0 ? payload.lastIndexOf('|', nonceBar - 1) : -1;
            if (!payload.startsWith("v1|") || timeBar <= 3) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(payload.substring(3, timeBar),
                    Long.parseLong(payload.substring(timeBar + 1, nonceBar))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
