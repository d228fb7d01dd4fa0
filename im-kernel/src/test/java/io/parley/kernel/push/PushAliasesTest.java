package io.parley.kernel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.kernel.group.GroupRemarks;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.kernel.user.UserRemarks;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The name a push shows for a sender: the recipient's remark for them, else their alias in the group, else none. */
class PushAliasesTest {
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final UserRemarks userRemarks = new UserRemarks(storage.metadata());
    private final GroupRemarks groupRemarks = new GroupRemarks(storage.metadata());
    private final PushAliases aliases = new PushAliases(userRemarks, groupRemarks);

    @AfterEach
    void close() {
        storage.close();
    }

    private static Message from(String sender, ConversationType type, String target) {
        ConversationKey key = new ConversationKey(type, type == ConversationType.PRIVATE ? sender + ":" + target : target);
        return new Message(key, sender, target, "RC:TxtMsg", "{}", Optional.empty(), Optional.empty(), true, true,
                "c-" + System.nanoTime(), Optional.empty(), 1, "UID-" + System.nanoTime(), System.currentTimeMillis());
    }

    @Test
    void theSenderGoesByTheRecipientsRemarkForItElseByItsAliasInTheGroup() {
        groupRemarks.set("alice", "g", "Captain Alice");
        userRemarks.set("bob", "alice", "Sis");

        assertThat(aliases.senderAlias("bob", from("alice", ConversationType.GROUP, "g"))).isEqualTo("Sis");
        assertThat(aliases.senderAlias("carol", from("alice", ConversationType.GROUP, "g"))).isEqualTo("Captain Alice");
        assertThat(aliases.senderAlias("carol", from("alice", ConversationType.PRIVATE, "carol"))).isEmpty();
    }
}
