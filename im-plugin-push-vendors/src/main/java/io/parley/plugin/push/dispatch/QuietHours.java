package io.parley.plugin.push.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A user's daily quiet period ({@code /user/blockPushPeriod/set.json}): from {@code startTime} for
 * {@code periodMinutes}, possibly past midnight, in the server's push time zone.
 *
 * @param startTime {@code HH:MM:SS}
 * @param unPushLevel 1: only mentions are pushed during the period; 5: nothing is
 */
public record QuietHours(String startTime, int periodMinutes, int unPushLevel) {

    public QuietHours {
        try {
            LocalTime.parse(startTime);
        } catch (java.time.format.DateTimeParseException e) {
            throw io.parley.api.error.ImException.invalidParameter("startTime must be HH:MM:SS");
        }
        if (periodMinutes < 1 || periodMinutes > 1439) {
            throw io.parley.api.error.ImException.invalidParameter("period must be 1 to 1439 minutes");
        }
        if (unPushLevel != 1 && unPushLevel != 5) {
            throw io.parley.api.error.ImException.invalidParameter("level must be 1 or 5");
        }
    }

    /** Whether {@code now} falls in the period that started today or yesterday. */
    public boolean covers(Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        LocalTime start = LocalTime.parse(startTime);
        for (int daysBack = 0; daysBack <= 1; daysBack++) {
            ZonedDateTime from = at.toLocalDate().minusDays(daysBack).atTime(start).atZone(zone);
            ZonedDateTime to = from.plus(Duration.ofMinutes(periodMinutes));
            if (!at.isBefore(from) && at.isBefore(to)) {
                return true;
            }
        }
        return false;
    }
}
