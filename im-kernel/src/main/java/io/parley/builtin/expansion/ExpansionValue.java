package io.parley.builtin.expansion;

/** One key's value on a message, with the time it was set: the newer write wins. */
public record ExpansionValue(String v, long ts) {
}
