package io.parley.kernel.recall;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import static java.util.Objects.requireNonNull;

/** Recall settings: {@code message.recall-window} (2 minutes), how long after sending a sender may recall. */
public record RecallConfig(Duration window) {
    public RecallConfig {
        requireNonNull(window, "window is null");
    }

    public static RecallConfig read(PluginConfig config) {
        return new RecallConfig(config.getDuration("message.recall-window", Duration.ofMinutes(2)));
    }
}
