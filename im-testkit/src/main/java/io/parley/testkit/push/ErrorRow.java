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
}
