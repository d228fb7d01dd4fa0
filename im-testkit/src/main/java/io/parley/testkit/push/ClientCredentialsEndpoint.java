package io.parley.testkit.push;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fake OAuth2 client-credentials token endpoint (Huawei, Honor): checks the form's {@code grant_type},
 * {@code client_id} and {@code client_secret}, hands out {@code access-1}, {@code access-2}, … for an hour, and
 * knows which one is current, so that the send endpoint can refuse a stale one.
 */
final class ClientCredentialsEndpoint {
    private final String clientId;
    private final String clientSecret;
    private final IssuedTokens tokens = new IssuedTokens("access-");

    ClientCredentialsEndpoint(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Answers a token request, handing a broken contract to {@code violation} before refusing it. */
    void answer(Exchange exchange, Consumer<String> violation) throws IOException {
        Map<String, String> form = exchange.form();
        if (!exchange.method().equals("POST") || !exchange.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            violation.accept("token request was " + exchange.method() + " " + exchange.header("Content-Type"));
            exchange.respond(400, "{\"error\":\"invalid_request\"}");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            violation.accept("token request form was " + form);
            exchange.respond(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad client credentials\"}");
            return;
        }
        String token = tokens.issue();
        exchange.respond(200, "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    /** Whether {@code authorization} is {@code Bearer <the current token>}. */
    boolean isCurrent(String authorization) {
        return authorization.startsWith("Bearer ") && tokens.isCurrent(authorization.substring("Bearer ".length()));
    }

    void revoke() {
        tokens.revoke();
    }
}
