package io.parley.kernel.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.storage.MetadataStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics kept in the metadata store, so any storage provider holds them and several nodes share them.
 * Namespace {@value #NAMESPACE}:
 * <ul>
 *   <li>{@code h:<yyyyMMddHH>:<node>} and {@code d:<yyyyMMdd>:<node>}: one node's figures of an hour or a day (UTC),
 *       a JSON object of figure to count. Each node writes only its own rows, adding to them (read, add, write, on its
 *       one flushing thread), so nodes never overwrite each other; a read adds every node's row of a period up.</li>
 *   <li>{@code active:h:<hour>:<user>} and {@code active:d:<day>:<user>}: the user connected in that period. The node
 *       that writes the marker first counts the user, so a user connected to two nodes counts once.</li>
 * </ul>
 * Namespace {@value #FIRST_TOKENS}: user to the time of their first token; kept for good (one row per user), so a
 * user is new once. Rows of periods older than the retention are {@link #prune pruned}, and markers once their period
 * is over.
 * Thread-safe as the metadata store is; every method may block on storage, never call one on an event loop.
 */
@Singleton
public final class StatisticsStore {
    static final String NAMESPACE = "kernel.statistics";
    static final String FIRST_TOKENS = "kernel.statistics.first-token";
    private static final String ACTIVE = "active:";
    private static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> FIGURES = new TypeReference<>() {
    };

    private final MetadataStore metadata;

    @Inject
    public StatisticsStore(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** The figures of one period, all nodes added up. */
    public record Period(long start, Figures figures) {
    }

    /** Adds {@code figures} to node {@code node}'s row of the period holding {@code millis}. */
    public void add(Granularity granularity, long millis, String node, Figures figures) {
        if (figures.isEmpty()) {
            return;
        }
        String key = granularity.keyPrefix() + granularity.name(millis) + ":" + node;
        Figures row = metadata.get(NAMESPACE, key).map(StatisticsStore::parse).orElseGet(Figures::new);
        metadata.put(NAMESPACE, key, write(row.addAll(figures)));
    }

    /** Marks {@code userId} active in the period holding {@code millis}; true if they were not marked yet. */
    public boolean markActive(Granularity granularity, long millis, String userId) {
        String key = ACTIVE + granularity.keyPrefix() + granularity.name(millis) + ":" + userId;
        if (metadata.get(NAMESPACE, key).isPresent()) {
            return false;
        }
        metadata.put(NAMESPACE, key, "1");
        return true;
    }

    /** Records {@code userId}'s first token at {@code millis}; true if they had none before. */
    public boolean markFirstToken(String userId, long millis) {
        if (metadata.get(FIRST_TOKENS, userId).isPresent()) {
            return false;
        }
        metadata.put(FIRST_TOKENS, userId, Long.toString(millis));
        return true;
    }

    /**
     * Every period of {@code granularity} that starts before {@code to} and ends after {@code from}, oldest first,
     * each with every node's figures added up (empty figures for a period nothing was counted in).
     */
    public List<Period> query(Granularity granularity, long from, long to) {
        Map<String, Figures> byName = new LinkedHashMap<>();
        List<Period> periods = new ArrayList<>();
        long length = granularity.length().toMillis();
        for (long start = granularity.start(from); start < to; start += length) {
            Figures figures = new Figures();
            byName.put(granularity.name(start), figures);
            periods.add(new Period(start, figures));
        }
        if (periods.isEmpty()) {
            return periods;
        }
        String prefix = granularity.keyPrefix();
        String last = granularity.name(periods.get(periods.size() - 1).start());
        String after = prefix + granularity.name(periods.get(0).start());
        while (true) {
            Map<String, String> page = metadata.scanPage(NAMESPACE, prefix, after, PAGE);
            for (Map.Entry<String, String> entry : page.entrySet()) {
                String name = periodName(entry.getKey(), prefix);
                if (name.compareTo(last) > 0) {
                    return periods;
                }
                Figures figures = byName.get(name);
                if (figures != null) {
                    figures.sumAcrossNodes(parse(entry.getValue()));
                }
                after = entry.getKey();
            }
            if (page.size() < PAGE) {
                return periods;
            }
        }
    }

    /**
     * Deletes the rows of periods that started before the period holding {@code rowsBefore}, and the active-user
     * markers of periods before the one before {@code now} (a marker serves only while its period is counted into;
     * the period before is kept for nodes whose clocks are a little behind); returns how many entries went.
     */
    public int prune(long rowsBefore, long now) {
        int deleted = 0;
        for (Granularity granularity : Granularity.values()) {
            deleted += pruneKeys(granularity.keyPrefix(), granularity.name(rowsBefore));
            long previous = granularity.start(now) - granularity.length().toMillis();
            deleted += pruneKeys(ACTIVE + granularity.keyPrefix(), granularity.name(previous));
        }
        return deleted;
    }

    private int pruneKeys(String prefix, String cutoff) {
        int deleted = 0;
        while (true) {
            Map<String, String> page = metadata.scanPage(NAMESPACE, prefix, "", PAGE);
            int before = deleted;
            for (String key : page.keySet()) {
                if (periodName(key, prefix).compareTo(cutoff) >= 0) {
                    return deleted;
                }
                metadata.delete(NAMESPACE, key);
                deleted++;
            }
            if (page.size() < PAGE || deleted == before) {
                return deleted;
            }
        }
    }

    private static String periodName(String key, String prefix) {
        int end = key.indexOf(':', prefix.length());
        return key.substring(prefix.length(), end < 0 ? key.length() : end);
    }

    static Figures parse(String json) {
        try {
            return Figures.of(JSON.readValue(json, FIGURES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a statistics row is not the JSON object it should be: " + json, e);
        }
    }

    private static String write(Figures figures) {
        try {
            return JSON.writeValueAsString(figures.asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a statistics row", e);
        }
    }
}
