package io.parley.testkit.push;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OAuth2 client-credentials token endpoint (Huawei, Honor): checks the form's {@code grant_type},
 * {@code client_id} and {@code client_secret}, hands out {@code access-1}, {@code access-2}, … for an hour, and
 * knows which one is current, so that the send endpoint can refuse a stale one.
 */
final class ClientCredentialsEndpoint {
    private final String clientId;
    private final String clientSecret;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String current = "";

    ClientCredentialsEndpoint(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Answers a token request; returns a violation to record, or null. */
    String answer(Exchange exchange) throws IOException {
        Map<String, String> form = exchange.form();
        if (!exchange.method().equals("POST") || !exchange.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            exchange.respond(400, "{\"error\":\"invalid_request\"}");
            return "token request was " + exchange.method() + " " + exchange.header("Content-Type");
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            exchange.respond(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad client credentials\"}");
            return "token request form was " + form;
        }
        current = "access-" + issued.incrementAndGet();
        exchange.respond(200, "{\"access_token\":\"" + current + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        return null;
    }

    boolean isCurrent(String authorization) {
        return !current.isEmpty() && authorization.equals("Bearer " + current);
    }

    void revoke() {
        current = "";
    }
}
