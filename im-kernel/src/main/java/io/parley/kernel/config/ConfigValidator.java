package io.parley.kernel.config;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fails startup on configuration nobody read: a key in the file or system properties, or a {@code PARLEY_*}
 * environment variable, that matches no key the kernel or a plugin asked for. The error names each one and
 * suggests the nearest known key.
 */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    public static void checkAllUsed(TrackedConfig root) {
        Set<String> used = root.usedKeys();
        List<String> problems = new ArrayList<>();
        for (String key : root.unusedKeys()) {
            problems.add("unknown config key '" + key + "'" + suggestion(key, used));
        }
        Set<String> usedEnvNames = new java.util.HashSet<>();
        used.forEach(key -> usedEnvNames.add(ConfigSources.envName(key)));
        for (String name : root.sources().envNames()) {
            if (!usedEnvNames.contains(name)) {
                problems.add("unknown environment variable '" + name + "'" + suggestion(name,
                        new java.util.TreeSet<>(usedEnvNames)));
            }
        }
        if (!problems.isEmpty()) {
            throw ImException.invalidParameter(String.join("; ", problems));
        }
    }

    private static String suggestion(String key, Set<String> candidates) {
        return nearest(key, candidates).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }

    /** The candidate with the smallest edit distance, if it is close enough to be a plausible typo. */
    static Optional<String> nearest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
