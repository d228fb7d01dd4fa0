package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.kernel.config.EffectiveConfigPrinter;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.ops.ServerOverview;
import io.parley.kernel.session.SessionRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrafficSamplerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter committed = registry.counter("im.messages.committed");
    private final Counter delivered = registry.counter("im.frames.out", "command", "DELIVER");
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ServerOverview overview = new ServerOverview(new SessionRegistry(MultiDevicePolicy.UNLIMITED),
            List.of(), registry, TrackedConfig.of(Map.of("app.secret", "s3cret", "app.key", "k")), new Readiness(),
            Map.of());

    @Test
    void eachSampleIsTheRateOverItsPeriod() {
        TrafficSampler sampler = new TrafficSampler(overview, now::get);
        committed.increment(10);
        delivered.increment(30);
        now.addAndGet(2000);
        sampler.sample();
        now.addAndGet(2000);
        sampler.sample();

        List<TrafficSampler.Sample> samples = sampler.samples();
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).messagesPerSecond()).isEqualTo(5.0);
        assertThat(samples.get(0).deliveriesPerSecond()).isEqualTo(15.0);
        assertThat(samples.get(1).messagesPerSecond()).isZero();
        assertThat(samples.get(1).time()).isEqualTo(1_004_000);
    }

    @Test
    void onlyTheLastWindowIsKept() {
        TrafficSampler sampler = new TrafficSampler(overview, now::get);
        for (int i = 0; i < TrafficSampler.WINDOW_SAMPLES + 7; i++) {
            committed.increment();
            now.addAndGet(1000);
            sampler.sample();
        }
        List<TrafficSampler.Sample> samples = sampler.samples();
        assertThat(samples).hasSize(TrafficSampler.WINDOW_SAMPLES);
        assertThat(samples.get(samples.size() - 1).time()).isEqualTo(now.get());
        assertThat(samples).allSatisfy(sample -> assertThat(sample.messagesPerSecond()).isEqualTo(1.0));
    }

    @Test
    void theOverviewMasksSecretsInTheEffectiveConfig() {
        TrackedConfig config = TrackedConfig.of(Map.of("app.secret", "s3cret", "app.key", "k", "console.password", "pw"));
        config.get("app.secret");
        config.get("app.key");
        config.get("console.password");
        config.get("console.username", "admin");
        ServerOverview masked = new ServerOverview(new SessionRegistry(MultiDevicePolicy.UNLIMITED), List.of(), registry,
                config, new Readiness(), Map.of());
        assertThat(masked.effectiveConfig()).containsExactly(
                new EffectiveConfigPrinter.Entry("app.key", "k", "builder"),
                new EffectiveConfigPrinter.Entry("app.secret", "****", "builder"),
                new EffectiveConfigPrinter.Entry("console.password", "****", "builder"),
                new EffectiveConfigPrinter.Entry("console.username", "admin", "default"));
    }
}
