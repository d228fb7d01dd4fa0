package io.parley.kernel.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.parley.api.error.ImException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses query strings and form bodies leniently, as RongCloud's SDKs and {@code curl -d} send them: repeated keys
 * keep every value in order, raw {@code ;} and {@code #} are part of a value, an empty body is no parameters, and a
 * malformed escape is a 1002 error naming the problem.
 */
public final class FormParser {
    private static final int MAX_PARAMS = 10_000;

    private FormParser() {
    }

    /** Merges the parameters of {@code query} (may be empty) and {@code formBody} (may be empty). */
    public static Map<String, List<String>> parse(String query, String formBody) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        addAll(params, query);
        addAll(params, formBody);
        return params;
    }

    private static void addAll(Map<String, List<String>> params, String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return;
        }
        try {
            // Form encoding separates parameters with '&' only: a raw ';' belongs to the value. So does a raw '#':
            // the decoder would take it for the start of a URI fragment and drop the rest of the form (an HTTP
            // request carries no fragment).
            QueryStringDecoder.builder().hasPath(false).maxParams(MAX_PARAMS).charset(StandardCharsets.UTF_8)
                    .semicolonIsNormalChar(true).build(encoded.replace("#", "%23")).parameters()
                    .forEach((name, values) -> params.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        } catch (IllegalArgumentException e) {
            throw ImException.invalidParameter("malformed form encoding: " + e.getMessage());
        }
    }
}
