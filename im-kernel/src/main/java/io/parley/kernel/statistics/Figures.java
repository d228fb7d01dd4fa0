package io.parley.kernel.statistics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of one hour or day, by name. A scalar figure has a plain name ({@link #ACTIVE_USERS}, {@link #MESSAGES}
 * …); a figure of a breakdown is named {@code <group>:<item>} ({@code messagesByType:RC:TxtMsg},
 * {@code serverApiCalls:/user/getToken.json:200}): the group never holds a colon, the item may. Every figure is a
 * count added up, except {@link #PEAK_CONNECTIONS}, which one node keeps as its highest and several nodes add up.
 * Not thread-safe: a value made and read by one thread at a time.
 */
public final class Figures {
    public static final String ACTIVE_USERS = "activeUsers";
    public static final String NEW_USERS = "newUsers";
    public static final String PEAK_CONNECTIONS = "peakConnections";
    public static final String MESSAGES = "messages";
    public static final String DELIVERIES = "deliveries";
    public static final String RECALLS = "recalls";
    public static final String REFUSALS = "refusals";
    public static final String SERVER_API_CALLS = "serverApiCalls";
    /** The scalar figures, in the order they are shown. */
    public static final List<String> SCALARS = List.of(ACTIVE_USERS, NEW_USERS, PEAK_CONNECTIONS, MESSAGES,
            DELIVERIES, RECALLS, REFUSALS, SERVER_API_CALLS);

    public static final String BY_CONVERSATION_TYPE = "messagesByConversationType";
    public static final String BY_MESSAGE_TYPE = "messagesByType";
    public static final String PUSHES = "pushes";
    public static final String API_CALLS = "serverApiCallsByEndpoint";
    public static final String REFUSALS_BY_CODE = "refusalsByCode";
    /** The breakdowns, in the order they are shown. */
    public static final List<String> GROUPS = List.of(BY_CONVERSATION_TYPE, BY_MESSAGE_TYPE, PUSHES, API_CALLS,
            REFUSALS_BY_CODE);

    private final SortedMap<String, Long> values = new TreeMap<>();

    public Figures() {
    }

    /** Figures read back from {@link #asMap()}. */
    public static Figures of(Map<String, ? extends Number> values) {
        Figures figures = new Figures();
        values.forEach((name, value) -> figures.add(name, value.longValue()));
        return figures;
    }

    /** The name of item {@code item} of breakdown {@code group}. */
    public static String item(String group, String item) {
        return group + ":" + item;
    }

    /** Adds {@code amount} to a figure; for {@link #PEAK_CONNECTIONS} keeps the higher of the two. */
    public Figures add(String name, long amount) {
        if (amount == 0) {
            return this;
        }
        if (name.equals(PEAK_CONNECTIONS)) {
            values.merge(name, amount, Math::max);
        } else {
            values.merge(name, amount, Long::sum);
        }
        return this;
    }

    /** Adds another node's or another flush's figures to these (the peak kept as the higher). */
    public Figures addAll(Figures other) {
        other.values.forEach(this::add);
        return this;
    }

    /** Adds another node's figures to these: every figure summed, the peak too (nodes are connected at once). */
    public Figures sumAcrossNodes(Figures other) {
        other.values.forEach((name, value) -> values.merge(name, value, Long::sum));
        return this;
    }

    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Every figure not zero, by name, sorted: what is stored. */
    public SortedMap<String, Long> asMap() {
        return Collections.unmodifiableSortedMap(values);
    }

    /**
     * As the server API and the console serve them: every scalar (zero when none), then each breakdown as an object
     * of item to count (empty when none).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String scalar : SCALARS) {
            json.put(scalar, get(scalar));
        }
        for (String group : GROUPS) {
            json.put(group, breakdown(group));
        }
        return json;
    }

    /** The items of one breakdown, by item, sorted. */
    public SortedMap<String, Long> breakdown(String group) {
        String prefix = group + ":";
        SortedMap<String, Long> items = new TreeMap<>();
        for (Map.Entry<String, Long> entry : values.tailMap(prefix).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            items.put(entry.getKey().substring(prefix.length()), entry.getValue());
        }
        return items;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Figures figures && figures.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
