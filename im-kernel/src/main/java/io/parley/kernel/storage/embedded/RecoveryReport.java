package io.parley.kernel.storage.embedded;

/**
 * What the embedded store did to its index at start. Immutable.
 *
 * @param rebuilt true when the index was not closed cleanly (or unreadable) and was rebuilt from the whole log
 * @param fromOffset the log offset replay started at (0 for a rebuild)
 * @param records how many log records were replayed into the index
 * @param millis how long recovery took
 */
public record RecoveryReport(boolean rebuilt, long fromOffset, long records, long millis) {
}
