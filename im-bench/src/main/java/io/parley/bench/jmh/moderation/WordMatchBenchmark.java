package io.parley.bench.jmh.moderation;

import io.parley.plugin.moderation.words.SensitiveWord;
import io.parley.plugin.moderation.words.TextNormalizer;
import io.parley.plugin.moderation.words.WordMatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching throughput on one core: one pass over realistic chat messages (Chinese and English, emoji, about one
 * message in 50 holding a listed word) against 50,000 words, with all normalisations on. One invocation scans
 * exactly {@link WordCorpus#TEXT_BYTES} UTF-8 bytes, and {@code @OperationsPerInvocation} makes JMH's
 * "ops/s" read as <b>bytes per second</b>. The goal is 100 MB/s or more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WordMatchBenchmark {
    @Param({"true", "false"})
    public boolean normalize;

    private WordMatcher matcher;
    private String[] messages;

    @Setup
    public void setUp() {
        List<SensitiveWord> words = WordCorpus.words(50_000);
        TextNormalizer normalizer = normalize ? TextNormalizer.defaults() : new TextNormalizer(false, false, false);
        matcher = WordMatcher.build(words, normalizer);
        messages = WordCorpus.messages(words);
    }

    @Benchmark
    @OperationsPerInvocation(WordCorpus.TEXT_BYTES)
    public int scanChatText() {
        int hits = 0;
        for (String message : messages) {
            hits += matcher.scan(message).size();
        }
        return hits;
    }
}
