package io.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at a process from outside: {@code /proc/<pid>} for RSS and CPU time, {@code jcmd} for the heap, Native
 * Memory Tracking and JFR. Linux only; every reading answers -1 (or empty) rather than failing a run.
 */
public final class ProcessProbe {
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern NMT = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final long JCMD_TIMEOUT_SECONDS = 60;
    /** USER_HZ: the unit of CPU times in /proc; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessProbe() {
    }

    /** Resident set size in KiB, or -1. */
    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time in seconds, or -1. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Runs a full GC in the process, then reads RSS, heap and NMT. */
    public static MemorySnapshot snapshot(long pid) {
        jcmd(pid, "GC.run");
        long heapUsed = -1;
        long heapCommitted = -1;
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        if (heap.find()) {
            heapCommitted = Long.parseLong(heap.group(1));
            heapUsed = Long.parseLong(heap.group(2));
        }
        return new MemorySnapshot(rssKib(pid), heapUsed, heapCommitted, nmt(pid));
    }

    /** Committed KiB per NMT category, plus {@code Total}; empty when NMT is off. */
    public static Map<String, Long> nmt(long pid) {
        Map<String, Long> categories = new LinkedHashMap<>();
        for (String line : jcmd(pid, "VM.native_memory", "summary").split("\n")) {
            Matcher total = NMT_TOTAL.matcher(line.trim());
            if (total.find()) {
                categories.put("Total", Long.parseLong(total.group(2)));
                continue;
            }
            Matcher category = NMT.matcher(line.trim());
            if (category.find()) {
                categories.put(category.group(1).trim(), Long.parseLong(category.group(3)));
            }
        }
        return categories;
    }

    /** Starts a JFR recording with the profiling settings. */
    public static void jfrStart(long pid, String name) {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops the recording and writes it to {@code file}. */
    public static void jfrStop(long pid, String name, Path file) {
        jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    /** Runs {@code jcmd <pid> args…} and returns its output (empty on failure). */
    public static String jcmd(long pid, String... args) {
        List<String> command = new ArrayList<>();
        command.add(jdkTool("jcmd"));
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A tool of the running JDK ({@code jcmd}, {@code java}), falling back to the PATH. */
    public static String jdkTool(String name) {
        Path bin = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(bin) ? bin.toString() : name;
    }
}
