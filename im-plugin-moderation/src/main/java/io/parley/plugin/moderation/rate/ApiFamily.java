package io.parley.plugin.moderation.rate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server-API endpoint families that share one rate limit, recognised by path prefix, with RongCloud's
 * default limits: private 6000 a minute, group 20 a second, chatroom 100 a second, ultragroup 100 a second.
 */
public enum ApiFamily {
    PRIVATE("private", 6000, Duration.ofMinutes(1), List.of("/message/private/", "/statusmessage/private/")),
    GROUP("group", 20, Duration.ofSeconds(1), List.of("/message/group/", "/statusmessage/group/", "/group/")),
    CHATROOM("chatroom", 100, Duration.ofSeconds(1), List.of("/message/chatroom/", "/chatroom/")),
    ULTRAGROUP("ultragroup", 100, Duration.ofSeconds(1), List.of("/message/ultragroup/", "/ultragroup/"));

    private final String configName;
    private final int defaultLimit;
    private final Duration defaultPeriod;
    private final List<String> prefixes;

    ApiFamily(String configName, int defaultLimit, Duration defaultPeriod, List<String> prefixes) {
        this.configName = configName;
        this.defaultLimit = defaultLimit;
        this.defaultPeriod = defaultPeriod;
        this.prefixes = prefixes;
    }

    /** The family's name in config keys ({@code moderation.rate.api.<name>.limit}) and metrics tags. */
    public String configName() {
        return configName;
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    public Duration defaultPeriod() {
        return defaultPeriod;
    }

    /** The family of a server-API path, or empty when it has no limit of its own. */
    public static Optional<ApiFamily> of(String path) {
        for (ApiFamily family : values()) {
            for (String prefix : family.prefixes) {
                if (path.startsWith(prefix)) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }
}
