package io.parley.kernel.statistics;

import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /statistics/query.json}: the kept figures for the app's own reporting, and what the console's charts read.
 * Parameters: {@code granularity} ({@code hour} or {@code day}, default {@code day}), {@code from} and {@code to}
 * (milliseconds since the epoch; {@code to} defaults to now, {@code from} to seven days before {@code to}). Answers
 * {@code {code:200, granularity, from, to, periods:[{start, activeUsers, …, messagesByType:{…}, …}]}}: one entry per
 * hour or day (UTC) that starts before {@code to} and ends after {@code from}, every node's figures added up. At most
 * {@value #MAX_PERIODS} periods a call. Runs on a worker (it reads storage).
 */
public final class StatisticsApi implements KernelRoutes {
    /** The most periods one answer holds: 100 days by the hour, or the longest retention by the day. */
    public static final int MAX_PERIODS = 3660;
    private static final Duration DEFAULT_SPAN = Duration.ofDays(7);

    private final StatisticsStore store;
    private final Clock clock;

    @Inject
    public StatisticsApi(StatisticsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/statistics/query.json", this::query));
    }

    private ApiResponse query(ApiRequest request) {
        Granularity granularity = Granularity.parse(request.optional("granularity").orElse("day"));
        long to = request.longValue("to", clock.millis());
        long from = request.longValue("from", to - DEFAULT_SPAN.toMillis());
        return new ApiResponse(report(granularity, from, to));
    }

    /** The answer's fields (without {@code code}) for periods of {@code granularity} from {@code from} to {@code to}. */
    public Map<String, Object> report(Granularity granularity, long from, long to) {
        if (from < 0 || to <= from) {
            throw ImException.invalidParameter("from and to must be milliseconds since the epoch, from before to");
        }
        long periods = (to - granularity.start(from) + granularity.length().toMillis() - 1)
                / granularity.length().toMillis();
        if (periods > MAX_PERIODS) {
            throw ImException.invalidParameter("at most " + MAX_PERIODS + " periods a query; this one spans "
                    + periods + " " + granularity.label() + "s");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StatisticsStore.Period period : store.query(granularity, from, to)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", period.start());
            row.putAll(period.figures().toJson());
            rows.add(row);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("granularity", granularity.label());
        fields.put("from", from);
        fields.put("to", to);
        fields.put("periods", rows);
        return fields;
    }
}
