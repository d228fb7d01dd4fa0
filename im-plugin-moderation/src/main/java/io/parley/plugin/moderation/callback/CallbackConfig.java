package io.parley.plugin.moderation.callback;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.PluginConfig;
import io.parley.plugin.moderation.common.ConfigLists;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The message-callback settings ({@code moderation.callback.*}); the callback is off without a URL.
 *
 * @param url where messages are POSTed before delivery
 * @param timeout how long to wait for the answer (RongCloud: 3 s)
 * @param failOpen whether a failed or late callback lets the message pass (RongCloud: yes)
 * @param conversationTypes which conversation types are sent to the callback
 * @param objectNames which message types are sent; {@code *} for all
 * @param includeServerApi whether messages sent through the server API are sent too
 */
public record CallbackConfig(Optional<URI> url, Duration timeout, boolean failOpen,
        Set<ConversationType> conversationTypes, Set<String> objectNames, boolean includeServerApi) {

    public CallbackConfig {
        requireNonNull(url, "url is null");
        requireNonNull(timeout, "timeout is null");
        conversationTypes = Set.copyOf(conversationTypes);
        objectNames = Set.copyOf(objectNames);
        if (timeout.isZero() || timeout.isNegative()) {
            throw ImException.invalidParameter("moderation.callback.timeout must be positive");
        }
        url.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw ImException.invalidParameter("moderation.callback.url must be an http or https URL: " + uri);
            }
        });
    }

    /** Reads {@code callback.*} from the plugin's config. */
    public static CallbackConfig from(PluginConfig config) {
        PluginConfig callback = config.subset("callback");
        Optional<URI> url;
        try {
            url = callback.get("url").filter(value -> !value.isBlank()).map(URI::create);
        } catch (IllegalArgumentException e) {
            throw ImException.invalidParameter("moderation.callback.url is not a URL: " + e.getMessage());
        }
        return new CallbackConfig(url,
                callback.getDuration("timeout", Duration.ofSeconds(3)),
                callback.getBoolean("fail-open", true),
                ConfigLists.conversationTypes(callback, "conversation-types"),
                ConfigLists.strings(callback, "object-names", ConfigLists.ALL),
                callback.getBoolean("include-server-api", true));
    }

    public boolean enabled() {
        return url.isPresent();
    }

    public boolean covers(ConversationType type, String objectName, boolean fromServerApi) {
        return conversationTypes.contains(type)
                && (objectNames.contains(ConfigLists.ALL) || objectNames.contains(objectName))
                && (includeServerApi || !fromServerApi);
    }
}
