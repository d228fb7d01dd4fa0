package io.parley.kernel.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.plugin.CommitHook;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' {@link CommitHook}s, called in plugin order on the thread that completed a commit. What a hook throws
 * is logged (once per hook per minute at most) and counted ({@code im.commit_hook.errors}); the others still run.
 */
@Singleton
public final class CommitHooks {
    private static final Logger log = LoggerFactory.getLogger(CommitHooks.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final CommitHook[] hooks;
    private final long[] lastLogged;
    private final Counter errors;

    /** The hooks the plugins contribute. */
    @Inject
    public CommitHooks(PluginContributions contributions, MeterRegistry registry) {
        this(contributions.commitHooks(), registry);
    }

    public CommitHooks(List<CommitHook> hooks, MeterRegistry registry) {
        this.hooks = hooks.toArray(CommitHook[]::new);
        this.lastLogged = new long[this.hooks.length];
        this.errors = Counter.builder("im.commit_hook.errors")
                .description("Exceptions thrown by plugins' commit hooks (the messages stayed committed)")
                .register(registry);
    }

    public static CommitHooks none(MeterRegistry registry) {
        return new CommitHooks(List.of(), registry);
    }

    public void afterCommit(Message message, MessageKind kind) {
        for (int i = 0; i < hooks.length; i++) {
            try {
                hooks[i].afterCommit(message, kind);
            } catch (RuntimeException e) {
                errors.increment();
                long now = System.nanoTime();
                synchronized (lastLogged) {
                    if (lastLogged[i] == 0 || now - lastLogged[i] > LOG_INTERVAL_NANOS) {
                        lastLogged[i] = now;
                        log.warn("commit hook {} failed on {} (logged once a minute at most)", hooks[i].name(),
                                message.messageUid(), e);
                    }
                }
            }
        }
    }
}
