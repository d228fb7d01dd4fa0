package io.parley.bench.load;

import static java.util.Objects.requireNonNull;

/** One simulated user: its index in the run (also the index of its connection), id and token. */
public record BenchUser(int index, String userId, String token) {
    public BenchUser {
        requireNonNull(userId, "userId is null");
        requireNonNull(token, "token is null");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
    }
}
