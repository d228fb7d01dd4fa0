package io.parley.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of a run (XChart): the latency percentile distribution of every side (x: the percentile on
 * a "nines" scale, 0 = p0, 1 = p90, 2 = p99, 3 = p99.9; y: milliseconds, logarithmic), and throughput per
 * second over time (deliveries and acks; server RSS for the idle scenario).
 */
public final class ChartWriter {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;

    private ChartWriter() {
    }

    /** Writes {@code <scenario>-latency.png} and {@code <scenario>-throughput.png}; returns the files. */
    public static List<Path> write(String scenario, List<LoadRunner.Side> sides, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        XYChart latency = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(scenario + ": latency by percentile").xAxisTitle("percentile (nines: 1 = p90, 2 = p99, 3 = p99.9)")
                .yAxisTitle("ms").build();
        latency.getStyler().setYAxisLogarithmic(true);
        latency.getStyler().setxAxisTickLabelsFormattingFunction(x -> String.format(Locale.ROOT, "p%s",
                trim(100 * (1 - Math.pow(10, -x)))));
        boolean anyLatency = false;
        for (LoadRunner.Side side : sides) {
            anyLatency |= addPercentiles(latency, side.result().target() + " deliver", side.deliver());
            anyLatency |= addPercentiles(latency, side.result().target() + " ack", side.ack());
        }
        if (anyLatency) {
            Path file = dir.resolve(scenario + "-latency.png");
            BitmapEncoder.saveBitmap(latency, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        boolean idle = scenario.equals(Scenario.IDLE.cliName());
        XYChart throughput = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(scenario + (idle ? ": server RSS over time" : ": throughput per second"))
                .xAxisTitle("second").yAxisTitle(idle ? "MiB" : "per second").build();
        for (LoadRunner.Side side : sides) {
            List<SecondSample> series = side.result().series();
            if (series.isEmpty()) {
                continue;
            }
            List<Double> x = series.stream().map(s -> (double) s.second()).toList();
            String target = side.result().target();
            if (idle) {
                add(throughput, target + " rss", x, series.stream().map(s -> s.serverRssKib() / 1024.0).toList());
            } else {
                add(throughput, target + " delivered/s", x, series.stream().map(s -> (double) s.delivered()).toList());
                add(throughput, target + " acked/s", x, series.stream().map(s -> (double) s.acked()).toList());
            }
        }
        if (!throughput.getSeriesMap().isEmpty()) {
            Path file = dir.resolve(scenario + "-throughput.png");
            BitmapEncoder.saveBitmap(throughput, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        return files;
    }

    private static boolean addPercentiles(XYChart chart, String name, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return false;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : micros.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 0.99999) {
                break;
            }
            x.add(-Math.log10(1 - p));
            y.add(Math.max(0.001, v.getValueIteratedTo() / 1000.0));
        }
        x.add(-Math.log10(1e-5));
        y.add(Math.max(0.001, micros.getMaxValue() / 1000.0));
        add(chart, name, x, y);
        return true;
    }

    private static void add(XYChart chart, String name, List<Double> x, List<Double> y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static String trim(double percentile) {
        String text = String.format(Locale.ROOT, "%.4f", percentile);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
