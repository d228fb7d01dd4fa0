package io.parley.api.plugin;

import java.util.List;
import java.util.Optional;

/**
 * One page of a conversation's members, in user-id order.
 *
 * @param userIds the members on this page
 * @param next the {@code after} to ask for the next page with; empty on the last page
 */
public record MemberPage(List<String> userIds, Optional<String> next) {
    public MemberPage {
        userIds = List.copyOf(userIds);
        java.util.Objects.requireNonNull(next, "next is null");
    }

    /** A page of {@code sortedIds} after {@code after} (exclusive; empty: from the start), at most {@code limit}. */
    public static MemberPage of(List<String> sortedIds, String after, int limit) {
        int from = 0;
        if (after != null && !after.isEmpty()) {
            int found = java.util.Collections.binarySearch(sortedIds, after);
            from = found >= 0 ? found + 1 : -found - 1;
        }
        int to = Math.min(sortedIds.size(), from + Math.max(1, limit));
        List<String> page = sortedIds.subList(from, to);
        return new MemberPage(page, to < sortedIds.size() ? Optional.of(page.get(page.size() - 1)) : Optional.empty());
    }
}
