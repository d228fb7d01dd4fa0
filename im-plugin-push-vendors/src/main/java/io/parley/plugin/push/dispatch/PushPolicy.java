package io.parley.plugin.push.dispatch;

import io.parley.api.event.PushRequested;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Whether a requested push may go out: not when the message disables push; not when the conversation's
 * do-not-disturb level forbids it (5 blocks everything; 1, 2 and 4 let only mentions through); not during the
 * recipient's quiet hours (level 5 blocks everything, level 1 lets mentions through). Returns the reason it
 * is suppressed, or empty when it may go.
 */
public final class PushPolicy {
    private final QuietHoursStore quietHours;
    private final ZoneId zone;

    public PushPolicy(QuietHoursStore quietHours, ZoneId zone) {
        this.quietHours = quietHours;
        this.zone = zone;
    }

    public Optional<String> suppression(PushRequested request, Instant now) {
        if (request.message().disablePush()) {
            return Optional.of("disable-push");
        }
        if (!levelAllows(request.unpushLevel(), request.mentioned())) {
            return Optional.of("do-not-disturb");
        }
        Optional<QuietHours> quiet = quietHours.get(request.recipient());
        if (quiet.isPresent() && quiet.get().covers(now, zone)
                && !levelAllows(quiet.get().unPushLevel(), request.mentioned())) {
            return Optional.of("quiet-hours");
        }
        return Optional.empty();
    }

    /** RongCloud's levels: -1 all, 0 default, 1 mentions, 2 @me, 4 @all, 5 blocked. */
    static boolean levelAllows(int level, boolean mentioned) {
        return switch (level) {
            case 5 -> false;
            case 1, 2, 4 -> mentioned;
            default -> true;
        };
    }
}
