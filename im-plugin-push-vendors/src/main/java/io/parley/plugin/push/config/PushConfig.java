package io.parley.plugin.push.config;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.plugin.push.dispatch.PushTemplates;
import io.parley.plugin.push.dispatch.RetryPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The push plugin's own keys ({@code push.*}); each vendor's keys ({@code push.<vendor>.*}) are read by its
 * factory.
 *
 * @param vendors the adapters that are on ({@code push.vendors}, comma-separated; none by default)
 * @param ttl how long a notification is worth delivering ({@code push.ttl}, 24h)
 * @param retry backoff of failed sends ({@code push.retry.initial-backoff} 1s, {@code push.retry.max-backoff} 5m)
 * @param zone the time zone of users' quiet hours ({@code push.quiet-hours.zone}, UTC)
 * @param templates {@code push.template.title} ({@code {senderName}}), {@code push.template.default-body}
 *     ({@code You have a new message}), {@code push.template.body.<type>}
 * @param maxInFlight sends one vendor may have outstanding at once ({@code push.max-in-flight}, 64)
 */
public record PushConfig(Set<String> vendors, Duration ttl, RetryPolicy retry, ZoneId zone, PushTemplates templates,
        int maxInFlight) {

    public PushConfig {
        vendors = Set.copyOf(vendors);
        if (ttl.isNegative() || ttl.isZero()) {
            throw ImException.invalidParameter("push.ttl must be positive");
        }
        if (retry.initial().isNegative() || retry.initial().isZero() || retry.max().compareTo(retry.initial()) < 0) {
            throw ImException.invalidParameter("push.retry.initial-backoff must be positive and at most push.retry.max-backoff");
        }
        if (maxInFlight < 1) {
            throw ImException.invalidParameter("push.max-in-flight must be at least 1");
        }
    }

    public static PushConfig from(PluginConfig config, Set<String> knownVendors) {
        Set<String> vendors = new LinkedHashSet<>();
        for (String vendor : config.get("vendors", "").split(",")) {
            String name = vendor.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!knownVendors.contains(name)) {
                throw ImException.invalidParameter("push.vendors names " + name + ", which is not one of "
                        + String.join(", ", knownVendors));
            }
            vendors.add(name);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.get("quiet-hours.zone", "UTC"));
        } catch (java.time.DateTimeException e) {
            throw ImException.invalidParameter("push.quiet-hours.zone is not a time zone: " + e.getMessage());
        }
        PluginConfig template = config.subset("template");
        Map<String, String> bodies = new LinkedHashMap<>(PushTemplates.BUILT_IN);
        PluginConfig bodyConfig = template.subset("body");
        for (String key : bodyConfig.keys()) {
            bodies.put(key, bodyConfig.require(key));
        }
        return new PushConfig(vendors, config.getDuration("ttl", Duration.ofHours(24)),
                new RetryPolicy(config.getDuration("retry.initial-backoff", Duration.ofSeconds(1)),
                        config.getDuration("retry.max-backoff", Duration.ofMinutes(5))),
                zone, new PushTemplates(template.get("title", "{senderName}"),
                        template.get("default-body", "You have a new message"), bodies),
                config.getInt("max-in-flight", 64));
    }
}
