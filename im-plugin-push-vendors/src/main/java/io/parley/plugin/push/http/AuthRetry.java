package io.parley.plugin.push.http;

import io.parley.plugin.push.spi.PushOutcome;
import io.parley.plugin.push.spi.PushOutcome.Kind;
import io.parley.plugin.push.spi.PushResult;
import io.parley.plugin.push.spi.PushTarget;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends with a cached access token and, when the vendor says the token is stale ({@link Kind#AUTH_REFRESH}),
 * drops it, mints a new one and retries once. A failure to mint becomes the outcome of every target.
 */
public final class AuthRetry {
    private AuthRetry() {
    }

    public static CompletionStage<PushResult> send(CachedToken auth, List<PushTarget> targets,
            Function<String, CompletionStage<PushResult>> attempt) {
        return attempt(auth, targets, attempt, true);
    }

    private static CompletionStage<PushResult> attempt(CachedToken auth, List<PushTarget> targets,
            Function<String, CompletionStage<PushResult>> attempt, boolean mayRetry) {
        return auth.get().handle((token, error) -> {
            if (error != null) {
                return CompletableFuture.completedFuture(PushResult.all(targets, mintFailure(error)));
            }
            return attempt.apply(token).thenCompose(result -> {
                boolean stale = result.outcomes().values().stream().anyMatch(o -> o.kind() == Kind.AUTH_REFRESH);
                if (stale && mayRetry) {
                    auth.invalidate(token);
                    return attempt(auth, targets, attempt, false);
                }
                return CompletableFuture.completedFuture(result);
            });
        }).thenCompose(Function.identity());
    }

    private static PushOutcome mintFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof VendorAuthException auth) {
            return auth.outcome();
        }
        return PushOutcome.of(Kind.TRANSIENT, "auth endpoint: " + cause);
    }
}
