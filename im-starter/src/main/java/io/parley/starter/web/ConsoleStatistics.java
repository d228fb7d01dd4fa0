package io.parley.starter.web;

import io.parley.api.error.ImException;
import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.statistics.Granularity;
import io.parley.kernel.statistics.StatisticsApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's statistics: {@code GET /console/api/statistics?range=day|week|month} (the figures of the last 24 hours
 * by the hour, or of the last 7 or 30 days by the day, as {@code /statistics/query.json} answers them) and
 * {@code GET /console/api/statistics.csv?range=…} (the same as a CSV file to download). Reads storage: call it on a
 * worker.
 */
final class ConsoleStatistics {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** A range the console offers: how many periods of which granularity, ending with the current one. */
    enum Range {
        DAY(24, Granularity.HOUR), WEEK(7, Granularity.DAY), MONTH(30, Granularity.DAY);

        final int periods;
        final Granularity granularity;

        Range(int periods, Granularity granularity) {
            this.periods = periods;
            this.granularity = granularity;
        }

        static Range parse(String value) {
            for (Range range : values()) {
                if (range.name().equalsIgnoreCase(value)) {
                    return range;
                }
            }
            throw ImException.invalidParameter("range must be day, week or month: " + value);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final StatisticsApi statistics;
    private final Clock clock;

    ConsoleStatistics(StatisticsApi statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    /** The figures of {@code range} with the range's name, as JSON fields ({@code code} 200 first). */
    Map<String, Object> report(Range range) {
        long now = clock.millis();
        long length = range.granularity.length().toMillis();
        long from = range.granularity.start(now) - (range.periods - 1) * length;
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("code", 200);
        fields.put("range", range.label());
        fields.putAll(statistics.report(range.granularity, from, now + 1));
        return fields;
    }

    HttpAnswer json(String range) {
        return Json.answer(200, report(Range.parse(range))).withHeader("Cache-Control", "no-store");
    }

    @SuppressWarnings("unchecked")
    HttpAnswer csv(String rangeName) {
        Range range = Range.parse(rangeName);
        List<Map<String, Object>> periods = (List<Map<String, Object>>) report(range).get("periods");
        String file = "parley-statistics-" + range.label() + "-" + DATE.format(Instant.ofEpochMilli(clock.millis()))
                + ".csv";
        return HttpAnswer.of(200, "text/csv; charset=utf-8", StatisticsCsv.render(periods).getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .withHeader("Cache-Control", "no-store");
    }
}
