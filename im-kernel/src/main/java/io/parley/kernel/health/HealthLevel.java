package io.parley.kernel.health;

/** How a health check stands: green (fine), amber (look at it) or red (act now). */
public enum HealthLevel {
    GREEN, AMBER, RED;

    /** The worse of two levels. */
    public HealthLevel worst(HealthLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
