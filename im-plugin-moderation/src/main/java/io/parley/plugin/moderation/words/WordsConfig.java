package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.plugin.moderation.common.ConfigLists;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The sensitive-word settings ({@code moderation.words.*}).
 *
 * @param file an optional word-list file, reloaded when it changes
 * @param reloadInterval how often the file's modification time and size are checked
 * @param objectNames message types checked; {@code *} for all
 * @param fields JSON string fields of the content checked (at any depth); {@code *} for every string
 * @param normalizer how text and words are normalised
 * @param maxWords how many words the server API may hold (RongCloud answers 1019 beyond)
 * @param includeServerApi whether messages sent through the server API are checked too
 */
public record WordsConfig(Optional<Path> file, Duration reloadInterval, Set<String> objectNames, Set<String> fields,
        TextNormalizer normalizer, int maxWords, boolean includeServerApi) {

    public WordsConfig {
        requireNonNull(file, "file is null");
        requireNonNull(reloadInterval, "reloadInterval is null");
        objectNames = Set.copyOf(objectNames);
        fields = Set.copyOf(fields);
        requireNonNull(normalizer, "normalizer is null");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw ImException.invalidParameter("moderation.words.reload-interval must be positive");
        }
        if (maxWords < 1) {
            throw ImException.invalidParameter("moderation.words.max-words must be at least 1");
        }
    }

    /** Reads {@code words.*} from the plugin's config. */
    public static WordsConfig from(PluginConfig config) {
        PluginConfig words = config.subset("words");
        return new WordsConfig(
                words.get("file").filter(value -> !value.isBlank()).map(Path::of),
                words.getDuration("reload-interval", Duration.ofSeconds(10)),
                ConfigLists.strings(words, "object-names", "RC:TxtMsg"),
                ConfigLists.strings(words, "fields", ConfigLists.ALL),
                new TextNormalizer(words.getBoolean("ignore-case", true), words.getBoolean("fold-width", true),
                        words.getBoolean("skip-separators", true)),
                words.getInt("max-words", 100_000),
                words.getBoolean("include-server-api", true));
    }

    public boolean checks(String objectName) {
        return objectNames.contains(ConfigLists.ALL) || objectNames.contains(objectName);
    }

    public boolean checksField(String fieldName) {
        return fields.contains(ConfigLists.ALL) || fields.contains(fieldName);
    }
}
