package io.parley.testkit.push;

/**
 * One row of a vendor's error table that a fake can answer: a send whose (first) token is
 * {@code row-<name>} gets that answer, and the adapter must classify it as {@code expected}.
 *
 * @param name the vendor's code or reason, e.g. {@code 10027} or {@code Unregistered}
 */
public record ErrorRow(String name, ExpectedOutcome expected) {
    public String token() {
        return "row-" + name;
    }

    /** Whether the row is a bare HTTP error, named {@code http<status>} (e.g. {@code http503}), not a vendor code. */
    public boolean isHttpStatus() {
        return name.startsWith("http");
    }

    /** The status of a bare HTTP error row ({@link #isHttpStatus()}): {@code 503} for {@code http503}. */
    public int httpStatus() {
        return Integer.parseInt(name.substring(4));
    }
}
