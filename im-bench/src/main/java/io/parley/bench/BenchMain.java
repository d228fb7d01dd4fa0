package io.parley.bench;

import java.util.Arrays;

/**
 * The entry point of {@code parley-bench.jar}: {@code jmh [JMH options]} runs the micro-benchmarks
 * (everything after {@code jmh} goes to JMH, e.g. {@code jmh FrameCodecBenchmark -f 1}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println("usage: java -jar parley-bench.jar jmh [JMH options]");
            return;
        }
        if (args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.err.println("unknown command: " + args[0] + " (try help)");
        System.exit(2);
    }
}
