package io.parley.bench.load;

/**
 * One second of a run, as the progress line saw it.
 *
 * @param second seconds since the load started
 * @param measuring false during the warm-up
 * @param deliverP99Micros the p99 of the deliveries received in this second; -1 when none
 * @param serverCpuPercent the server process's CPU use (100 = one core); -1 when unknown
 */
public record SecondSample(int second, boolean measuring, long sent, long acked, long delivered, long errors,
        long deliverP50Micros, long deliverP99Micros, double serverCpuPercent, double generatorCpuPercent,
        long serverRssKib) {
}
