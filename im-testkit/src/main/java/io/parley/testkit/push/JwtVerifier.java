package io.parley.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Checks a compact JWS as a vendor would: splits it, verifies the signature with the public key (RS256, or
 * ES256 in the raw R‖S form JOSE specifies, with DER accepted as APNs does), and returns header and claims.
 */
public final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verified token's two JSON parts. */
    public record Verified(JsonNode header, JsonNode claims) {
    }

    private JwtVerifier() {
    }

    /** @throws IllegalArgumentException when the token is malformed or its signature does not verify */
    public static Verified verify(String jwt, String expectedAlg, PublicKey key) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        JsonNode header = json(parts[0]);
        if (!header.path("alg").asText().equals(expectedAlg)) {
            throw new IllegalArgumentException("alg is " + header.path("alg").asText() + ", not " + expectedAlg);
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        boolean valid = switch (expectedAlg) {
            case "RS256" -> verify("SHA256withRSA", key, signed, signature);
            case "ES256" -> signature.length == 64 ? verify("SHA256withECDSAinP1363Format", key, signed, signature)
                    : verify("SHA256withECDSA", key, signed, signature);
            default -> throw new IllegalArgumentException("unsupported alg " + expectedAlg);
        };
        if (!valid) {
            throw new IllegalArgumentException("the signature does not verify");
        }
        return new Verified(header, json(parts[1]));
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a JWS part is not base64url JSON", e);
        }
    }
}
