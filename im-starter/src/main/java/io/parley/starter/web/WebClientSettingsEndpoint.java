package io.parley.starter.web;

import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import io.parley.kernel.transport.HttpTransport;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /web/settings}: what the chat page needs to know before it signs in: whether development sign-in
 * is on, the upload limits, and the plugins loaded (the page offers chatrooms where the chatroom plugin is).
 */
final class WebClientSettingsEndpoint implements HttpEndpoint {
    static final String PATH = "/web/settings";

    private final Map<String, Object> settings;

    WebClientSettingsEndpoint(WebConfig config, List<String> pluginNames) {
        this.settings = Map.of("code", 200,
                "websocketPath", HttpTransport.WEBSOCKET_PATH,
                "devSignIn", config.devSignIn(),
                "uploads", Map.of("enabled", config.uploadsEnabled(), "maxBytes", config.uploadMaxBytes(),
                        "types", config.uploadTypes().stream().sorted().toList()),
                "plugins", List.copyOf(pluginNames));
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("GET") && path.equals(PATH);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        return Json.answer(200, settings).withHeader("Cache-Control", "no-store");
    }
}
