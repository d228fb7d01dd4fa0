package io.parley.plugin.push.device;

import io.parley.api.error.ImException;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.FunctionCommand;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client commands {@code push.register} and {@code push.unregister}: a device registers its push token
 * (vendor, token, app package or bundle id, sandbox or production) for the connected user, or withdraws it.
 */
public final class PushTokenCommands {
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final DeviceTokenStore tokens;
    private final Set<String> vendors;
    private final Clock clock;

    /** @param vendors the adapters that are on; a token for another vendor is refused */
    public PushTokenCommands(DeviceTokenStore tokens, Set<String> vendors, Clock clock) {
        this.tokens = tokens;
        this.vendors = Set.copyOf(vendors);
        this.clock = clock;
    }

    public List<ClientCommand> commands() {
        return List.of(new FunctionCommand("push.register", this::register),
                new FunctionCommand("push.unregister", this::unregister));
    }

    private Map<String, Object> register(ClientCommand.Caller caller, Map<String, Object> body) {
        String vendor = vendor(body);
        String token = token(body);
        String appId = text(body, "appId");
        boolean sandbox = Boolean.TRUE.equals(body.get("sandbox"));
        tokens.register(new DeviceToken(caller.userId(), vendor, token, appId, sandbox, clock.millis()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("registered", true);
        result.put("tokens", tokens.tokens(caller.userId()).size());
        return result;
    }

    private Map<String, Object> unregister(ClientCommand.Caller caller, Map<String, Object> body) {
        return Map.of("removed", tokens.remove(caller.userId(), vendor(body), token(body)));
    }

    private String vendor(Map<String, Object> body) {
        String vendor = text(body, "vendor");
        if (!vendors.contains(vendor)) {
            throw ImException.invalidParameter("vendor " + vendor + " is not enabled (enabled: "
                    + String.join(", ", vendors.stream().sorted().toList()) + ")");
        }
        return vendor;
    }

    private static String token(Map<String, Object> body) {
        String token = text(body, "token");
        if (token.length() > MAX_TOKEN_LENGTH || token.contains("/")) {
            throw ImException.invalidParameter("token must be at most " + MAX_TOKEN_LENGTH
                    + " characters without '/'");
        }
        return token;
    }

    private static String text(Map<String, Object> body, String name) {
        if (!(body.get(name) instanceof String value) || value.isBlank()) {
            throw ImException.invalidParameter(name + " is required");
        }
        return value.trim();
    }
}
