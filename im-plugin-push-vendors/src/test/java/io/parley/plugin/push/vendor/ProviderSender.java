package io.parley.plugin.push.vendor;

import io.parley.plugin.push.spi.PushNotification;
import io.parley.plugin.push.spi.PushOutcome;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushResult;
import io.parley.plugin.push.spi.PushTarget;
import io.parley.testkit.push.ExpectedOutcome;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.SentOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Wraps a push provider for the testkit's compliance suite. */
public final class ProviderSender implements PushSender {
    private final PushProvider provider;
    private final boolean sandbox;

    public ProviderSender(PushProvider provider) {
        this(provider, false);
    }

    public ProviderSender(PushProvider provider, boolean sandbox) {
        this.provider = provider;
        this.sandbox = sandbox;
    }

    @Override
    public Map<String, SentOutcome> send(List<String> tokens, String appId, String title, String body, int badge,
            Map<String, String> data) {
        List<PushTarget> targets = tokens.stream().map(token -> new PushTarget(token, appId, sandbox)).toList();
        PushResult result;
        try {
            result = provider.send(new PushNotification("push-1", title, body, badge, data, 3600, ""), targets)
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the provider did not answer", e);
        }
        Map<String, SentOutcome> outcomes = new LinkedHashMap<>();
        for (String token : tokens) {
            PushOutcome outcome = result.outcome(token);
            outcomes.put(token, new SentOutcome(ExpectedOutcome.valueOf(outcome.kind().name()), outcome.retryAfter()));
        }
        return outcomes;
    }

    @Override
    public int maxBatchSize() {
        return provider.maxBatchSize();
    }

    @Override
    public void close() {
        provider.close();
    }
}
