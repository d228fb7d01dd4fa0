package io.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the machine: cores, memory, load, JVM, OS, file limit. */
public final class Machine {
    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memTotal", firstLine("/proc/meminfo", "MemTotal:"));
        machine.put("cpu", firstLine("/proc/cpuinfo", "model name"));
        machine.put("loadAverage", read("/proc/loadavg"));
        machine.put("maxOpenFiles", firstLine("/proc/self/limits", "Max open files"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.replaceAll("\\s+", " ").trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
