package io.parley.plugin.push.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Compact JWS tokens signed with the JDK: ES256 (APNs, raw R‖S signature) and RS256 (FCM's service-account
 * assertion). Also reads the PKCS#8 PEM keys the vendors hand out.
 */
public final class Jwts {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    public static String es256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return sign(header, claims, key, "SHA256withECDSAinP1363Format");
    }

    public static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return sign(header, claims, key, "SHA256withRSA");
    }

    /** A PKCS#8 private key from PEM text ({@code -----BEGIN PRIVATE KEY-----}); {@code algorithm} is EC or RSA. */
    public static PrivateKey privateKey(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replace("\\n", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 " + algorithm + " private key in PEM form", e);
        }
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key,
            String algorithm) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a JWT with " + algorithm, e);
        }
    }

    private static String encode(Map<String, Object> part) {
        return URL.encodeToString(VendorHttp.json(part).getBytes(StandardCharsets.UTF_8));
    }
}
