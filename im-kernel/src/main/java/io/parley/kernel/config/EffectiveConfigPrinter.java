package io.parley.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the effective configuration for the startup log and the console: every key the kernel and the plugins
 * read, with the value in force and where it came from, secrets masked.
 */
public final class EffectiveConfigPrinter {
    private static final String[] SECRET_MARKERS = {"secret", "password", "private-key", "credential"};
    static final String MASK = "****";
    /** What a key shows when nothing sets it and its reader gave no default: it is off, or derived from another. */
    static final String NOT_SET = "(not set)";
    /** {@code scheme://user:password@host…} and {@code scheme://password@host…} (also {@code jdbc:…://}): a URI's user info. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*://)([^/?#@]*)@");
    /** A query or matrix parameter of a URL whose name marks a secret ({@code ?password=…}, {@code &token=…}). */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");

    private EffectiveConfigPrinter() {
    }

    /**
     * One key of the effective configuration.
     *
     * @param value  the value in force, masked if secret; {@link #NOT_SET} when nothing sets it and no default is known
     * @param source {@code default}, {@code builder}, {@code file}, {@code environment PARLEY_…} or
     *               {@code system property parley.…}
     */
    public record Entry(String key, String value, String source) {
    }

    /**
     * Whether a key's name marks a secret: its last segment names a secret, password, private key or credential, or
     * ends in token ({@code app.secret}, {@code tls.key-password}, {@code push.auth-token}; not {@code token.ttl} nor
     * {@code token-lifetime}). Secrets are declared where they are read ({@code PluginConfig#getSecret}); the name is
     * a safety net for a plugin's secret read with a plain {@code get}.
     */
    public static boolean isSecret(String key) {
        String lower = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (lower.endsWith("token")) {
            return true;
        }
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value as it may be shown: {@code ****} for a secret key's; in any other value that is a URI, the password of
     * its user info ({@code redis://:****@host}, {@code redis://user:****@host}, and a lone user info, which Redis reads
     * as the password) and the values of query parameters whose names mark a secret.
     */
    public static String mask(String key, String value) {
        if (isSecret(key)) {
            return value.isEmpty() ? value : MASK;
        }
        String masked = value;
        Matcher userInfo = USER_INFO.matcher(masked);
        if (userInfo.find() && !userInfo.group(2).isEmpty()) {
            String info = userInfo.group(2);
            int colon = info.indexOf(':');
            String shown = colon < 0 ? MASK : info.substring(0, colon + 1) + MASK;
            masked = userInfo.group(1) + shown + "@" + masked.substring(userInfo.end());
        }
        Matcher parameter = SECRET_PARAMETER.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (parameter.find()) {
            String replacement = isSecret(parameter.group(2)) || parameter.group(2).equalsIgnoreCase("pwd")
                    ? parameter.group(1) + parameter.group(2) + "=" + MASK : parameter.group();
            parameter.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        parameter.appendTail(out);
        return out.toString();
    }

    /** Every key that was read, sorted, with its value in force (masked) and its source. */
    public static List<Entry> entries(TrackedConfig root) {
        List<Entry> entries = new ArrayList<>();
        ConfigSources sources = root.sources();
        for (String key : root.usedKeys()) {
            Optional<ConfigSources.Origin> origin = sources.origin(key);
            if (origin.isPresent()) {
                String value = sources.lookup(key).orElse("");
                entries.add(new Entry(key, shown(root, key, value), switch (origin.get()) {
                    case ENVIRONMENT -> "environment " + ConfigSources.envName(key);
                    case SYSTEM_PROPERTY -> "system property " + ConfigSources.SYSPROP_PREFIX + key;
                    default -> origin.get().label();
                }));
            } else {
                entries.add(new Entry(key, root.defaultOf(key).map(value -> shown(root, key, value)).orElse(NOT_SET),
                        "default"));
            }
        }
        return entries;
    }

    /** A value as shown: masked whole for a key declared secret, else as {@link #mask} shows it. */
    private static String shown(TrackedConfig root, String key, String value) {
        return root.isDeclaredSecret(key) && !value.isEmpty() ? MASK : mask(key, value);
    }

    /** {@link #entries} as key → value, sorted. */
    public static Map<String, String> effective(TrackedConfig root) {
        Map<String, String> effective = new LinkedHashMap<>();
        entries(root).forEach(entry -> effective.put(entry.key(), entry.value()));
        return effective;
    }

    /** {@link #entries} as {@code key=value  (source)} lines, the keys set by some source first, then the defaults. */
    public static String render(TrackedConfig root) {
        List<Entry> entries = entries(root);
        int width = Math.min(60, entries.stream().mapToInt(entry -> entry.key().length() + entry.value().length() + 1)
                .max().orElse(0));
        StringBuilder out = new StringBuilder();
        for (boolean defaults : new boolean[] {false, true}) {
            for (Entry entry : entries) {
                if (entry.source().equals("default") == defaults) {
                    String pair = entry.key() + '=' + entry.value();
                    out.append("\n  ").append(pair).append(" ".repeat(Math.max(1, width - pair.length() + 2)))
                            .append('(').append(entry.source()).append(')');
                }
            }
        }
        return out.toString();
    }
}
