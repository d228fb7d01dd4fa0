package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server API's rate limits, one per endpoint ({@code moderation.rate.server-api.*}): each endpoint of
 * {@link RongCloudLimits} has its documented limit unless configured otherwise, and every other endpoint has the
 * default. Each endpoint has a budget of its own.
 *
 * <p>Keys: {@code enabled} ({@code false} turns every server-API limit off), {@code default} (the limit of the
 * endpoints without one of their own), one key per endpoint of the table ({@link RongCloudLimits#configKey}, e.g.
 * {@code group.user.query=200/1s} or {@code =off}), and {@code other-endpoints}, limits for endpoints outside the
 * table (another plugin's) written {@code /path.json=limit} and separated by semicolons. Limits are written as
 * {@link EndpointLimit} says.
 *
 * @param enabled false: no server-API limit at all
 * @param defaultLimit the limit of an endpoint not in {@code byPath}
 * @param byPath endpoints with a limit of their own, documented or configured (possibly {@link EndpointLimit#OFF})
 */
public record ServerApiLimits(boolean enabled, EndpointLimit defaultLimit, Map<String, EndpointLimit> byPath) {
    static final String ENABLED = "enabled";
    static final String DEFAULT = "default";
    static final String OTHER_ENDPOINTS = "other-endpoints";

    public ServerApiLimits {
        requireNonNull(defaultLimit, "defaultLimit is null");
        byPath = Map.copyOf(byPath);
    }

    /** RongCloud's documented limits and the default, as they are without configuration. */
    public static ServerApiLimits defaults() {
        Map<String, EndpointLimit> byPath = new TreeMap<>();
        RongCloudLimits.documentedLimits().forEach((path, documented) -> byPath.put(path, documented.limit()));
        return new ServerApiLimits(true, RongCloudLimits.DEFAULT, byPath);
    }

    /** The limit of calls to {@code path}; {@link EndpointLimit#OFF} when it has none. */
    public EndpointLimit limitOf(String path) {
        return enabled ? byPath.getOrDefault(path, defaultLimit) : EndpointLimit.OFF;
    }

    /** Reads {@code rate.server-api.*} from the plugin's config. */
    public static ServerApiLimits from(PluginConfig config) {
        if (!config.subset("rate.api").keys().isEmpty()) {
            throw ImException.invalidParameter("config moderation.rate.api.* (limits per family of endpoints) was "
                    + "replaced by limits per endpoint, moderation.rate.server-api.<path without .json, slashes as "
                    + "dots>, e.g. moderation.rate.server-api.group.user.query=200/1s; see docs/plugins/moderation.md");
        }
        PluginConfig api = config.subset("rate.server-api");
        boolean enabled = api.getBoolean(ENABLED, true);
        EndpointLimit defaultLimit = limit(api, DEFAULT).orElse(RongCloudLimits.DEFAULT);
        Map<String, EndpointLimit> byPath = new TreeMap<>();
        RongCloudLimits.endpoints().forEach((path, documented) -> limit(api, RongCloudLimits.configKey(path))
                .or(() -> documented.map(RongCloudLimits.Documented::limit))
                .ifPresent(limit -> byPath.put(path, limit)));
        api.get(OTHER_ENDPOINTS).ifPresent(text -> byPath.putAll(otherEndpoints(text)));
        return new ServerApiLimits(enabled, defaultLimit, byPath);
    }

    private static Optional<EndpointLimit> limit(PluginConfig api, String key) {
        return api.get(key).map(text -> EndpointLimit.parse("moderation.rate.server-api." + key, text));
    }

    private static Map<String, EndpointLimit> otherEndpoints(String text) {
        String key = "moderation.rate.server-api." + OTHER_ENDPOINTS;
        Map<String, EndpointLimit> limits = new TreeMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String path = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (!path.startsWith("/") || !path.endsWith(".json")) {
                throw ImException.invalidParameter("config " + key + " must be /path.json=limit pairs separated by "
                        + "semicolons, such as /greeter/hello.json=10/1s;/greeter/bye.json=off, was '" + text + "'");
            }
            if (RongCloudLimits.endpoints().containsKey(path)) {
                throw ImException.invalidParameter("config " + key + " names " + path + ", which has a key of its "
                        + "own: set moderation.rate.server-api." + RongCloudLimits.configKey(path) + " instead");
            }
            limits.put(path, EndpointLimit.parse(key, entry.substring(equals + 1)));
        }
        return limits;
    }
}
