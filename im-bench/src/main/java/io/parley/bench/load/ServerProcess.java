package io.parley.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server under test in its own JVM (Parley's shaded jar, or the relay), so that its RSS, heap and CPU are
 * measured apart from the load generator's. Its output goes to a log file; it is ready once it prints its
 * ready line. {@link #close()} stops it with SIGTERM, then SIGKILL after a grace period.
 */
public final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java jvmArgs… mainArgs…} with {@code env} added, and waits for {@code readyLine}. */
    public static ServerProcess start(String name, List<String> jvmArgs, List<String> mainArgs,
            Map<String, String> env, String readyLine, Path log) throws IOException, InterruptedException {
        return start(name, jvmArgs, mainArgs, env, readyLine, log, Duration.ofSeconds(START_TIMEOUT_SECONDS));
    }

    /** As {@link #start(String, List, List, Map, String, Path)}, waiting at most {@code timeout} for the line. */
    public static ServerProcess start(String name, List<String> jvmArgs, List<String> mainArgs,
            Map<String, String> env, String readyLine, Path log, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessProbe.jdkTool("java"));
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> pump(process, log, readyLine, ready), name + "-log");
        pump.setDaemon(true);
        pump.start();
        ServerProcess server = new ServerProcess(name, process, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException(name + " did not start (" + String.join(" ", command) + "); see " + log);
            }
        }
        return server;
    }

    private static void pump(Process process, Path log, String readyLine, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.contains(readyLine)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process went away; its exit is noticed by the caller
        }
    }

    /** What the Parley server prints once it serves. */
    public static final String PARLEY_READY = "Parley is running.";

    /** Fails at once, before any long setup, when there is no server jar at {@code jar}. */
    public static void requireJar(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no server jar at " + jar.toAbsolutePath()
                    + " (build it with mvn -o -q install -DskipTests, or pass --server-jar)");
        }
    }

    /** Deletes a folder and everything in it, as far as it can (a temporary folder: what is left the OS cleans). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Kills the process with SIGKILL, as a crash would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
