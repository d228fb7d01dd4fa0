package io.parley.bench;

import io.parley.bench.cluster.ClusterCommand;
import io.parley.bench.load.LoadCommand;
import io.parley.bench.recovery.RecoveryCommand;
import io.parley.bench.relay.RelayMain;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of {@code parley-bench.jar}:
 * <ul>
 *   <li>{@code load [options]} runs a load scenario against Parley and the bare relay and reports both
 *   ({@code load --help}; see {@code docs/bench.md});</li>
 *   <li>{@code cluster [options]} runs the same load against 1 node and against several nodes on PostgreSQL and
 *   Redis ({@code cluster --help}; see {@code docs/bench.md});</li>
 *   <li>{@code recovery [options]} fills a store, kills it with SIGKILL and times the server from start to ready
 *   ({@code recovery --help}; see {@code docs/bench.md});</li>
 *   <li>{@code relay [--port N] [--ws-port N]} runs the bare Netty relay on its own;</li>
 *   <li>{@code jmh [JMH options]} runs the micro-benchmarks (everything after {@code jmh} goes to JMH, e.g.
 *   {@code jmh FrameCodecBenchmark -f 1}).</li>
 * </ul>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println("usage: java -jar parley-bench.jar load --scenario <name> [options]  (load --help)");
            System.out.println("       java -jar parley-bench.jar cluster [--nodes 1,3] [options]  (cluster --help)");
            System.out.println("       java -jar parley-bench.jar recovery [--messages N] [options]  (recovery --help)");
            System.out.println("       java -jar parley-bench.jar relay [--port 9200] [--ws-port 9201]");
            System.out.println("       java -jar parley-bench.jar jmh [JMH options]");
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "relay" -> RelayMain.main(rest);
            case "load" -> {
                System.setProperty("java.awt.headless", "true");
                System.exit(new CommandLine(new LoadCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(rest));
            }
            case "cluster" -> System.exit(new CommandLine(new ClusterCommand()).execute(rest));
            case "recovery" -> System.exit(new CommandLine(new RecoveryCommand()).execute(rest));
            default -> {
                System.err.println("unknown command: " + args[0] + " (try help)");
                System.exit(2);
            }
        }
    }
}
