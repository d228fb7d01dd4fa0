package io.parley.bench.load;

import io.parley.kernel.auth.TokenService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tokens for a run's users. Locally, with the kernel's own {@link TokenService} and the app secret (the same
 * HMAC the server checks; thousands a second), or over the signed server API with a small pool of concurrent
 * calls ({@code --tokens api}, which also registers the users).
 */
public final class TokenIssuer {
    private static final int API_THREADS = 8;

    private TokenIssuer() {
    }

    /** Users {@code prefix0…prefix(count-1)} with tokens; {@code api} null means local issuing. */
    public static List<BenchUser> issue(String prefix, int count, String appSecret, ApiClient api)
            throws IOException, InterruptedException {
        List<BenchUser> users = new ArrayList<>(count);
        if (api == null) {
            TokenService tokens = new TokenService(appSecret, Clock.systemUTC(), Duration.ZERO, null);
            for (int i = 0; i < count; i++) {
                users.add(new BenchUser(i, prefix + i, tokens.issue(prefix + i)));
            }
            return users;
        }
        ExecutorService pool = Executors.newFixedThreadPool(API_THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String userId = prefix + i;
                futures.add(pool.submit(() -> api.token(userId)));
            }
            for (int i = 0; i < count; i++) {
                users.add(new BenchUser(i, prefix + i, futures.get(i).get()));
            }
            return users;
        } catch (ExecutionException e) {
            throw new IOException("getToken failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
