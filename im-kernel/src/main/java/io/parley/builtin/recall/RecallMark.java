package io.parley.builtin.recall;

/**
 * That a message was recalled, by whom and when.
 *
 * @param isDelete the recipients should delete their copy rather than show a "recalled" note
 */
public record RecallMark(String operatorId, long recallTime, boolean isAdmin, boolean isDelete,
        String originalObjectName) {
}
