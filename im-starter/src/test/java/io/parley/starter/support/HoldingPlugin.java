package io.parley.starter.support;

import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A plugin whose interceptor holds every message whose content says "hold" (as a slow interceptor would) until the
 * test releases it: {@link #holding} opens when one is held, {@link #release()} lets them all go. For tests of what
 * the server does while messages wait.
 */
public final class HoldingPlugin implements ImPlugin {
    private static final Duration LONGEST = Duration.ofSeconds(120);

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String name() {
        return "holding-test";
    }

    /** Waits until a message is held; false if none was within {@code seconds}. */
    public boolean awaitHolding(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets every held message (and the ones to come) go. */
    public void release() {
        release.countDown();
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new PluginInstance() {
            @Override
            public List<MessageInterceptor> interceptors() {
                return List.of(new MessageInterceptor() {
                    @Override
                    public String name() {
                        return "holding-test.hold";
                    }

                    @Override
                    public Duration timeout() {
                        return LONGEST;
                    }

                    @Override
                    public Decision decide(OutgoingMessage message) {
                        if (message.content().contains("hold")) {
                            holding.countDown();
                            try {
                                release.await(LONGEST.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return Decision.proceed();
                    }
                });
            }
        };
    }
}
