package io.parley.bench.jmh.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fan-out benchmark's handle on its listener process ({@link CountingListeners}): starts it on this JVM's
 * class path, tells it how many frames to wait for, reads its answers (skipping its log lines), and ends it.
 */
public final class ListenerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private ListenerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code mainClass} with {@code args} in a JVM of its own (768 MB of heap, its errors on this
     * process's stderr); {@code name} (e.g. {@code the listeners}) names it in error messages.
     */
    public static ListenerProcess start(String name, Class<?> mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        return new ListenerProcess(name, new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits until all {@code connections} are ready. */
    public void awaitReady(int connections) throws IOException {
        awaitAnswer("READY " + connections);
    }

    /** Tells the process to answer DONE when it has counted {@code total} frames in all, and waits for its OK. */
    public void expect(long total) throws IOException {
        commands.println("EXPECT " + total);
        awaitAnswer("OK");
    }

    /** Waits until the process has counted the total it was last told to {@link #expect}. */
    public void awaitDone() throws IOException {
        awaitAnswer("DONE");
    }

    /** Reads the process's next answer, skipping its log lines; fails unless it is {@code wanted}. */
    private void awaitAnswer(String wanted) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith(CountingListeners.PREFIX)) {
                if (!line.equals(CountingListeners.PREFIX + wanted)) {
                    throw new IllegalStateException("expected " + wanted + " from " + name + ", got " + line);
                }
                return;
            }
        }
        throw new IllegalStateException(name + " ended before answering " + wanted);
    }

    /** Tells the process to quit, and kills it if it has not ended within 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        commands.println("QUIT");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
