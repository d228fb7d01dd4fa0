package io.parley.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.message.RetentionSweeper;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static final long NOW = Duration.ofDays(400).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void defaultsFollowRongCloud() {
        RetentionPolicy policy = RetentionPolicy.from(TrackedConfig.of(Map.of()));
        assertThat(policy).isEqualTo(RetentionPolicy.defaults());
        RetentionCutoffs cutoffs = policy.cutoffs(NOW);
        assertThat(cutoffs.inboxCutoff(ConversationType.PRIVATE)).contains(NOW - 7 * DAY);
        assertThat(cutoffs.messageCutoff(ConversationType.PRIVATE)).as("history off: kept as long as offline")
                .contains(NOW - 7 * DAY);
        assertThat(cutoffs.messageCutoff(ConversationType.GROUP)).contains(NOW - 7 * DAY);
        assertThat(cutoffs.messageCutoff(ConversationType.ULTRA_GROUP)).contains(NOW - 7 * DAY);
        assertThat(cutoffs.messageCutoff(ConversationType.CHATROOM)).as("chatrooms keep nothing").contains(NOW);
        assertThat(policy.syncWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void readsMonthsForeverAndOff() {
        TrackedConfig config = TrackedConfig.of(Map.of("retention.private.history", "6M",
                "retention.group.history", "2mo", "retention.group.offline", "forever", "retention.chatroom", "12h",
                "retention.ultra-group", "off", "retention.private.offline", "3d"));
        RetentionPolicy policy = RetentionPolicy.from(config);
        assertThat(config.unusedKeys()).isEmpty();
        assertThat(policy.privateHistory()).isEqualTo(Duration.ofDays(180));
        assertThat(policy.groupHistory()).isEqualTo(Duration.ofDays(60));
        RetentionCutoffs cutoffs = policy.cutoffs(NOW);
        assertThat(cutoffs.inboxCutoff(ConversationType.PRIVATE)).contains(NOW - 3 * DAY);
        assertThat(cutoffs.messageCutoff(ConversationType.PRIVATE)).contains(NOW - 180 * DAY);
        assertThat(cutoffs.inboxCutoff(ConversationType.GROUP)).isEmpty();
        assertThat(cutoffs.messageCutoff(ConversationType.GROUP)).isEmpty();
        assertThat(cutoffs.messageCutoff(ConversationType.CHATROOM)).contains(NOW - DAY / 2);
        assertThat(cutoffs.messageCutoff(ConversationType.ULTRA_GROUP)).contains(NOW);
        assertThat(policy.syncWindow()).isEqualTo(RetentionPolicy.FOREVER);
        assertThatThrownBy(() -> RetentionPolicy.parse("retention.chatroom", "a while"))
                .isInstanceOf(ImException.class).hasMessageContaining("retention.chatroom").hasMessageContaining("6M");
    }

    @Test
    void theSweeperAppliesThePolicyToTheStoreAndThenTellsWhatExpiresWithTheMessages() {
        MemoryStorageProvider storage = new MemoryStorageProvider();
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        for (long sent : List.of(NOW - 10 * DAY, NOW - 8 * DAY, NOW - DAY)) {
            Message message = new Message(chat, "amy", "bo", "RC:TxtMsg", "{}", Optional.empty(), Optional.empty(),
                    true, true, "c" + sent, Optional.empty(), 0, "U" + sent, sent);
            storage.messages().append(new AppendRequest(message, List.of("amy", "bo"), "k" + sent));
        }
        List<RetentionCutoffs> told = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        RetentionSweeper sweeper = new RetentionSweeper(storage, null, clock, RetentionPolicy.defaults(),
                Duration.ofHours(1), told::add);
        assertThat(sweeper.sweep().messages()).isEqualTo(2);
        assertThat(storage.messages().readConversation(chat, 0, 10)).extracting(Message::sentTime)
                .containsExactly(NOW - DAY);
        // what the plugins keep beside the messages (the broadcast log) expires by the same cutoffs
        assertThat(told).singleElement().satisfies(cutoffs -> assertThat(
                cutoffs.messageCutoff(ConversationType.SYSTEM)).contains(NOW - 7 * DAY));
        assertThat(sweeper.sweep().messages()).isZero();
        assertThat(told).hasSize(2);
    }
}
