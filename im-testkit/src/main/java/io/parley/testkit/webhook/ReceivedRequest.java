package io.parley.testkit.webhook;

import io.parley.api.rongcloud.RongCloudSignature;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the {@link FakeAppServer} received, as bytes and as parsed parameters.
 *
 * @param query the query parameters (RongCloud puts its callback signature there)
 * @param body the raw body, decoded as UTF-8
 * @param receivedAtMillis when it arrived
 */
public record ReceivedRequest(String method, String path, Map<String, List<String>> query,
        Map<String, List<String>> headers, String contentType, String body, long receivedAtMillis) {

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).flatMap(values -> values.stream().findFirst());
    }

    /** The body parsed as {@code application/x-www-form-urlencoded}, each key with all its values in order. */
    public Map<String, List<String>> form() {
        return parseForm(body);
    }

    /** The first value of a form field. */
    public Optional<String> formField(String name) {
        return Optional.ofNullable(form().get(name)).flatMap(values -> values.stream().findFirst());
    }

    /**
     * True when the query carries RongCloud's callback signature for {@code appKey} and {@code appSecret}:
     * {@code appKey}, {@code nonce}, {@code signTimestamp} and
     * {@code signature = sha1hex(appSecret + nonce + signTimestamp)} — what a real app server checks.
     */
    public boolean hasValidCallbackSignature(String appKey, String appSecret) {
        Optional<String> key = queryParam("appKey");
        Optional<String> nonce = queryParam("nonce");
        Optional<String> timestamp = queryParam("signTimestamp");
        Optional<String> signature = queryParam("signature");
        if (key.isEmpty() || nonce.isEmpty() || timestamp.isEmpty() || signature.isEmpty()) {
            return false;
        }
        return key.get().equals(appKey) && RongCloudSignature.sign(appSecret, nonce.get(), timestamp.get()).equalsIgnoreCase(signature.get());
    }

    static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static Map<String, List<String>> parseQuery(URI uri) {
        return parseForm(uri.getRawQuery());
    }
}
