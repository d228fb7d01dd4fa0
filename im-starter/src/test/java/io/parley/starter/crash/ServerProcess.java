package io.parley.starter.crash;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded jar run as an operator runs it, in its own process: the server (on ports learned at the first
 * start and kept for restarts) or one of its storage commands. Output is collected line by line.
 */
final class ServerProcess {
    private static final Pattern TCP_PORT = Pattern.compile("client TCP(?: \\(TLS\\))?: \\S+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("server API and WebSocket: https?://[^\\s/]+:(\\d+)");
    static final String APP_KEY = "crash-key";
    static final String APP_SECRET = "crash-secret";

    private final Path dataDir;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private int httpPort;
    private int tcpPort;

    ServerProcess(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** A server with further settings, as {@code PARLEY_*} environment variables (e.g. a cluster node's). */
    ServerProcess(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        environment.putAll(Map.of("PARLEY_APP_KEY", APP_KEY, "PARLEY_APP_SECRET", APP_SECRET, "PARLEY_HTTP_PORT", "0",
                "PARLEY_TCP_PORT", "0", "PARLEY_BIND_HOST", "127.0.0.1", "PARLEY_DATA_DIR", dataDir.toString()));
        environment.putAll(settings);
    }

    /** Starts the server and waits until it prints its ports; false if it exited instead. */
    boolean start() throws IOException {
        output.clear();
        process = launch(List.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> port(TCP_PORT) > 0 || !process.isAlive());
        if (!process.isAlive()) {
            return false;
        }
        tcpPort = port(TCP_PORT);
        httpPort = port(HTTP_PORT);
        environment.put("PARLEY_TCP_PORT", String.valueOf(tcpPort));
        environment.put("PARLEY_HTTP_PORT", String.valueOf(httpPort));
        return true;
    }

    /** SIGKILL: no shutdown hook, no flush, no clean marker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator stops it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs a storage command ({@code backup}, {@code restore}, {@code repair}) to its end; returns the exit code. */
    int command(String... args) throws IOException, InterruptedException {
        output.clear();
        Process tool = launch(List.of(args));
        if (!tool.waitFor(60, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            throw new AssertionError("the command did not finish: " + output);
        }
        return tool.exitValue();
    }

    int exitCode() throws InterruptedException {
        return process.waitFor();
    }

    private Process launch(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("parley.jar")).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.getParent().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(environment);
        Process started = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    private int port(Pattern pattern) {
        for (String line : output) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    /** The server's resident memory now, from {@code /proc} (Linux), in bytes. */
    long residentBytes() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for the server process");
    }

    int tcpPort() {
        return tcpPort;
    }

    List<String> output() {
        return output;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }
}
