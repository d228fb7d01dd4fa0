package io.parley.kernel.statistics;

import io.parley.api.error.ImException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The two periods figures are kept for, in UTC: an hour or a day. A period is named in storage by its start,
 * formatted so that names sort as the periods do ({@code 2026120713}, {@code 20261207}).
 */
public enum Granularity {
    HOUR(ChronoUnit.HOURS, "h", DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC)),
    DAY(ChronoUnit.DAYS, "d", DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC));

    private final ChronoUnit unit;
    private final String prefix;
    private final DateTimeFormatter format;

    Granularity(ChronoUnit unit, String prefix, DateTimeFormatter format) {
        this.unit = unit;
        this.prefix = prefix;
        this.format = format;
    }

    /** {@code hour} or {@code day}, as the server API and the console name it. */
    public static Granularity parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hour" -> HOUR;
            case "day" -> DAY;
            default -> throw ImException.invalidParameter("granularity must be hour or day: " + value);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** The start of the period holding {@code millis}. */
    public long start(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(unit).toEpochMilli();
    }

    /** The storage name of the period holding {@code millis}. */
    public String name(long millis) {
        return format.format(Instant.ofEpochMilli(millis));
    }

    /** What the storage keys of this granularity's rows start with. */
    String keyPrefix() {
        return prefix + ":";
    }
}
