package io.parley.api.storage;

import java.util.List;

/**
 * A page of an inbox read.
 *
 * @param entries in inbox-seq order; entries past the retention window are left out
 * @param nextCursor the cursor to read from next: the last seq this page covered (including any expired
 *     seqs it skipped)
 * @param finished true when the page reached the inbox's head
 */
public record InboxPage(List<InboxEntry> entries, long nextCursor, boolean finished) {
    public InboxPage {
        entries = List.copyOf(entries);
    }
}
