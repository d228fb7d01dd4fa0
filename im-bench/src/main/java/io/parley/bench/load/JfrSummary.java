package io.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's time went, from a JFR recording: the share of {@code jdk.ExecutionSample}s per top frame
 * (self time), and per "first Parley frame" on the stack (which of Parley's own methods the time is spent
 * under, libraries included).
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    /** Up to {@code limit} lines of each kind, most sampled first; a note when the file cannot be read. */
    public static List<String> summarize(Path recording, int limit) {
        if (!Files.isRegularFile(recording)) {
            return List.of("no recording at " + recording);
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> under = new HashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                String parley = "(no Parley frame)";
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (name.startsWith("io.parley.")) {
                        parley = name;
                        break;
                    }
                }
                under.merge(parley, 1, Integer::sum);
            }
        } catch (IOException e) {
            return List.of("cannot read " + recording + ": " + e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        lines.add(total + " execution samples");
        top(lines, "self", self, total, limit);
        top(lines, "under", under, total, limit);
        return lines;
    }

    private static void top(List<String> lines, String kind, Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "%s %5.1f%% %s", kind,
                        100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "(unknown)";
        }
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
