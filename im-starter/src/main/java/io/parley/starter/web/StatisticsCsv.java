package io.parley.starter.web;

import io.parley.kernel.statistics.Figures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The statistics' periods as CSV: a header, then one line per period, oldest first. Columns: {@code start} (the
 * period's start, ISO-8601 in UTC), each scalar figure, then one column per item of each breakdown that any period
 * holds, named {@code <breakdown>:<item>} ({@code messagesByType:RC:TxtMsg}); a period without an item has 0 there.
 */
final class StatisticsCsv {
    private StatisticsCsv() {
    }

    @SuppressWarnings("unchecked")
    static String render(List<Map<String, Object>> periods) {
        List<String> header = new ArrayList<>();
        header.add("start");
        header.addAll(Figures.SCALARS);
        List<String[]> items = new ArrayList<>();
        for (String group : Figures.GROUPS) {
            SortedSet<String> seen = new TreeSet<>();
            for (Map<String, Object> period : periods) {
                seen.addAll(((Map<String, Object>) period.get(group)).keySet());
            }
            for (String item : seen) {
                items.add(new String[] {group, item});
                header.add(Figures.item(group, item));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (Map<String, Object> period : periods) {
            List<String> cells = new ArrayList<>();
            cells.add(Instant.ofEpochMilli((Long) period.get("start")).toString());
            for (String scalar : Figures.SCALARS) {
                cells.add(String.valueOf(period.get(scalar)));
            }
            for (String[] item : items) {
                Object value = ((Map<String, Object>) period.get(item[0])).get(item[1]);
                cells.add(value == null ? "0" : String.valueOf(value));
            }
            line(out, cells);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** A cell quoted when it holds a comma, a quote or a line break; and, against spreadsheet formulas, a leading = + - @. */
    private static String quote(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
