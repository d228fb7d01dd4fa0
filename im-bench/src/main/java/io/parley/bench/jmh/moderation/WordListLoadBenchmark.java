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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a word list: building the Aho–Corasick automaton for 50,000 words (Chinese and English, normalised).
 * This is what a word-list change or a file reload costs. The goal is under one second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WordListLoadBenchmark {
    private List<SensitiveWord> words;

    @Setup
    public void setUp() {
        words = WordCorpus.words(50_000);
    }

    @Benchmark
    public WordMatcher build50000Words() {
        return WordMatcher.build(words, TextNormalizer.defaults());
    }
}
