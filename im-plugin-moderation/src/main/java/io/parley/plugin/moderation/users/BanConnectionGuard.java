package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ConnectionGuard;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses a banned user's CONNECT with {@code USER_BLOCKED} (31009). Called on a kernel worker thread after the
 * token is verified; reads memory only (an expired ban may be deleted from storage on the way).
 */
public final class BanConnectionGuard implements ConnectionGuard {
    private final BanStore bans;

    public BanConnectionGuard(BanStore bans) {
        this.bans = requireNonNull(bans, "bans is null");
    }

    @Override
    public String name() {
        return "moderation.bans";
    }

    @Override
    public void checkConnect(String userId, String deviceId, Platform platform, String clientIp) {
        Optional<Instant> until = bans.bannedUntil(userId);
        if (until.isPresent()) {
            throw new ImException(StandardErrorCode.USER_BLOCKED, "the user is blocked until " + until.get());
        }
    }
}
