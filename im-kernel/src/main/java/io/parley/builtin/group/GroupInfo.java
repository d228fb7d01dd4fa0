package io.parley.builtin.group;

import static java.util.Objects.requireNonNull;

/** A group as the app server named it. */
record GroupInfo(String groupId, String name, long createTime) {
    public GroupInfo {
        requireNonNull(groupId, "groupId is null");
        requireNonNull(name, "name is null");
    }
}
