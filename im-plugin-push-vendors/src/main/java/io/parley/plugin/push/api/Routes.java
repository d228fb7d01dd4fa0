package io.parley.plugin.push.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.plugin.push.http.VendorHttp;

/** Helpers shared by the push plugin's server-API routes. */
final class Routes {
    private Routes() {
    }

    /** The JSON body of a JSON endpoint; a 1002 error when it is missing or not an object. */
    static JsonNode jsonBody(ApiRequest request) {
        JsonNode body = VendorHttp.parse(request.jsonBody().orElseThrow(
                () -> ImException.invalidParameter(request.path() + " takes a JSON body")));
        if (!body.isObject()) {
            throw ImException.invalidParameter(request.path() + " takes a JSON object");
        }
        return body;
    }
}
