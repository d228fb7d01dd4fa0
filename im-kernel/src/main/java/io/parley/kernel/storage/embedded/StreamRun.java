package io.parley.kernel.storage.embedded;

/**
 * The entries one segment holds of one stream (a conversation's log, or a user's inbox): seqs
 * {@code firstSeq() … firstSeq() + count() - 1}, contiguous because the committer assigns every stream's seqs in
 * log order. The one exception is a record lost to damage ({@code repair} pads over it): its seq is a hole, an entry
 * that is not {@link #present}. Entry {@code i} gives the record's position in its segment, the message's sent time and its
 * conversation type. Implemented in memory for the segment being written ({@link SegmentMemtable}) and by the
 * sealed segment's index file ({@link SegmentIndexFile}).
 */
interface StreamRun {
    /** The base offset of the segment holding these entries. */
    long segmentBase();

    long firstSeq();

    int count();

    /** The record's position within the segment; its log offset is {@code segmentBase() + position(i)}. */
    int position(int i);

    long sentTime(int i);

    int typeCode(int i);

    /** False for a hole: a seq whose record the log no longer holds. */
    default boolean present(int i) {
        return position(i) >= 0;
    }

    default long lastSeq() {
        return firstSeq() + count() - 1;
    }

    default long offset(int i) {
        return segmentBase() + position(i);
    }
}
