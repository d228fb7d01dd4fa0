package io.parley.bench.load;

/** What a run measures: Parley, the bare relay baseline, or both one after the other (the default). */
public enum Target {
    PARLEY,
    RELAY,
    BOTH;

    /** Parley's, then the relay's, as this target asks. */
    public java.util.List<Target> sides() {
        return this == BOTH ? java.util.List.of(PARLEY, RELAY) : java.util.List.of(this);
    }
}
