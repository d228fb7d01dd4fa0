package io.parley.starter;

import io.parley.api.error.ImException;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.storage.embedded.StorageBackup;
import io.parley.kernel.storage.embedded.StorageRepair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's storage commands of the runnable jar: {@code backup <target-dir>} (safe while the server
 * runs), {@code restore <backup-dir>} (into an empty data directory, server stopped) and {@code repair}
 * (server stopped). The storage directory is {@code --storage-dir <dir>}, else {@code PARLEY_STORAGE_EMBEDDED_DIR},
 * else {@code $PARLEY_DATA_DIR/storage}, else {@code ./data/storage}. Runs on the calling thread; blocks on I/O.
 */
public final class StorageCommands {
    /** The first arguments that select a storage command instead of starting the server. */
    public static final Set<String> NAMES = Set.of("backup", "restore", "repair");

    private StorageCommands() {
    }

    /** Runs one command; returns the process exit code (0 done, 2 refused or failed, 64 bad usage). */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        String storageDir = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--storage-dir") && i + 1 < args.length) {
                storageDir = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        Path storage = Path.of(storageDir != null ? storageDir : environment.getOrDefault("PARLEY_STORAGE_EMBEDDED_DIR",
                Path.of(environment.getOrDefault("PARLEY_DATA_DIR", KernelConfig.DEFAULT_DATA_DIR), "storage").toString()));
        String command = args[0];
        try {
            switch (command) {
                case "backup" -> {
                    Path target = Path.of(single(positional, "backup <target-dir>"));
                    StorageBackup.Report report = StorageBackup.backup(storage, target);
                    out.printf("backup of %s written to %s: %d segments, %d bytes%n", storage, target,
                            report.segments(), report.bytes());
                }
                case "restore" -> {
                    Path source = Path.of(single(positional, "restore <backup-dir>"));
                    StorageBackup.Report report = StorageBackup.restore(source, storage);
                    out.printf("restored %s into %s: %d segments, %d bytes; the index is rebuilt at the next start%n",
                            source, storage, report.segments(), report.bytes());
                }
                case "repair" -> {
                    StorageRepair.Report report = StorageRepair.repair(storage);
                    out.printf("repaired %s: %d segments checked, %d damaged bytes padded (their records are lost),"
                            + " %d torn bytes cut; the index is rebuilt at the next start%n", storage,
                            report.segments(), report.paddedBytes(), report.truncatedBytes());
                    if (report.lostBytes() > 0) {
                        out.printf("the store had recorded the log as written up to offset %d, but it ends at %d:"
                                + " the records in those %d bytes are lost%n", report.recordedEnd(), report.end(),
                                report.lostBytes());
                    }
                    if (report.restatedHeads() > 0) {
                        out.printf("%d conversation and inbox heads restated, so that the lost messages' seqs are not"
                                + " given to new ones (devices skip them as they skip expired ones)%n",
                                report.restatedHeads());
                    }
                }
                default -> throw new UsageException("unknown command " + command);
            }
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar parley-server.jar [backup <target-dir> | restore <backup-dir> | repair]"
                    + " [--storage-dir <dir>]");
            return 64;
        } catch (ImException | IOException e) {
            err.println("parley " + command + " failed: " + e.getMessage());
            return 2;
        }
    }

    private static String single(List<String> positional, String usage) {
        if (positional.size() != 1) {
            throw new UsageException("expected: " + usage);
        }
        return positional.get(0);
    }

    /** A command line that does not fit. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
