package io.parley.bench.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.bench.load.Machine;
import io.parley.bench.load.ProcessProbe;
import io.parley.bench.load.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recovery}: how long the server takes to be ready after a crash, for a store of a given size. A child JVM
 * fills a fresh data folder through the kernel's write path ({@link StoreFiller}) and is killed with SIGKILL once
 * every message is acknowledged; then the server jar is started on that folder and timed from process start to
 * {@code GET /health/ready} answering 200 (after the crash), stopped cleanly, and timed once more (after a clean
 * stop). Reports both times, the storage lines of the server's log, and the store's size.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = "Time from process start to /health/ready after a kill -9, for a store of N messages")
public final class RecoveryCommand implements Callable<Integer> {
    private static final Duration READY_TIMEOUT = Duration.ofHours(3);
    private static final Pattern FAILED = Pattern.compile("\\((\\d+) failed\\)");

    @Option(names = "--messages", defaultValue = "1000000", description = "messages to store (default ${DEFAULT-VALUE})")
    long messages;
    @Option(names = "--users", defaultValue = "10000", description = "users of the private chats (paired)")
    int users;
    @Option(names = "--groups", defaultValue = "100", description = "groups")
    int groups;
    @Option(names = "--group-members", defaultValue = "50", description = "members per group")
    int groupMembers;
    @Option(names = "--group-share", defaultValue = "0.2", description = "share of the messages sent to groups")
    double groupShare;
    @Option(names = "--server-jar", defaultValue = "im-starter/target/parley-server.jar")
    Path serverJar;
    @Option(names = "--server-jvm-args", split = " ", defaultValue = "-Xmx512m",
            description = "JVM options of the restarted server (default ${DEFAULT-VALUE})")
    List<String> serverJvmArgs;
    @Option(names = "--filler-jvm-args", split = " ", defaultValue = "-Xmx2g")
    List<String> fillerJvmArgs;
    @Option(names = "--data-dir", description = "the store to fill (default: a new temporary folder, deleted after)")
    Path dataDir;
    @Option(names = "--no-fill", description = "do not fill: restart on the store already in --data-dir")
    boolean noFill;
    @Option(names = "--out", description = "result folder (default bench-results/recovery-<time>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        ServerProcess.requireJar(serverJar);
        Path dir = out != null ? out : Path.of("bench-results", "recovery-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        boolean temporary = dataDir == null;
        Path data = temporary ? Files.createTempDirectory("parley-recovery-") : dataDir;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Machine.describe());
        result.put("options", Map.of("messages", messages, "users", users, "groups", groups, "groupMembers",
                groupMembers, "groupShare", groupShare, "serverJvmArgs", serverJvmArgs));
        try {
            if (!noFill) {
                result.put("fill", fill(data, dir));
            }
            result.put("bytesOnDisk", bytes(data));
            Map<String, Object> crashed = restart(data, dir.resolve("server-after-kill.log"));
            result.put("afterKill", crashed);
            System.err.printf("after kill -9: ready in %d ms%n", crashed.get("readyMillis"));
            Map<String, Object> clean = restart(data, dir.resolve("server-after-clean-stop.log"));
            result.put("afterCleanStop", clean);
            System.err.printf("after a clean stop: ready in %d ms%n", clean.get("readyMillis"));
        } finally {
            if (temporary) {
                ServerProcess.deleteTree(data);
            }
        }
        Path file = dir.resolve("result.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        System.err.println("wrote " + file.toAbsolutePath());
        return 0;
    }

    private Map<String, Object> fill(Path data, Path dir) throws IOException, InterruptedException {
        List<String> main = List.of("-cp", System.getProperty("java.class.path"), StoreFiller.class.getName(),
                data.toString(), Long.toString(messages), Integer.toString(users), Integer.toString(groups),
                Integer.toString(groupMembers), Double.toString(groupShare));
        long started = System.nanoTime();
        System.err.printf("filling %s with %,d messages…%n", data, messages);
        ServerProcess filler = ServerProcess.start("filler", fillerJvmArgs, main, Map.of(), StoreFiller.FILLED,
                dir.resolve("filler.log"), READY_TIMEOUT);
        double seconds = (System.nanoTime() - started) / 1e9;
        filler.kill();
        long failed = failedSends(dir.resolve("filler.log"));
        System.err.printf("filled in %.0f s (%.0f messages/s, %d sends failed); killed the filler with SIGKILL%n",
                seconds, (messages - failed) / seconds, failed);
        return Map.of("seconds", seconds, "messagesPerSecond", (messages - failed) / seconds, "failedSends", failed);
    }

    /** Starts the server on {@code data}, times it to ready, reads its storage log lines, stops it cleanly. */
    private Map<String, Object> restart(Path data, Path log) throws IOException, InterruptedException {
        int tcp = ServerProcess.freePort();
        int http = ServerProcess.freePort();
        Map<String, String> env = Map.of("PARLEY_BIND_HOST", "127.0.0.1", "PARLEY_TCP_PORT", Integer.toString(tcp),
                "PARLEY_HTTP_PORT", Integer.toString(http), "PARLEY_DATA_DIR", data.toString(),
                "PARLEY_APP_KEY", "fill", "PARLEY_APP_SECRET", "fill");
        long started = System.nanoTime();
        try (ServerProcess server = ServerProcess.start("parley", serverJvmArgs,
                List.of("-jar", serverJar.toAbsolutePath().toString()), env, ServerProcess.PARLEY_READY, log,
                READY_TIMEOUT)) {
            awaitReady(http, started);
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            long rssKib = ProcessProbe.rssKib(server.pid());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("readyMillis", readyMillis);
            figures.put("rssKibWhenReady", rssKib);
            figures.put("storageLog", storageLines(log));
            return figures;
        }
    }

    private static void awaitReady(int httpPort, long startedNanos) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - startedNanos < READY_TIMEOUT.toNanos()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IOException("the server was not ready within " + READY_TIMEOUT);
    }

    /** The failed sends the filler counted on its {@value StoreFiller#FILLED} line. */
    private static long failedSends(Path fillerLog) throws IOException {
        for (String line : Files.readAllLines(fillerLog)) {
            Matcher matcher = FAILED.matcher(line);
            if (line.contains(StoreFiller.FILLED) && matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new IOException("the filler did not say how many sends failed: " + fillerLog);
    }

    private static List<String> storageLines(Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("storage:")) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    private static long bytes(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
