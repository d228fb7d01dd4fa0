package io.parley.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The storage SPI's history suite: backward paging, reads by time, deleting a message, cleaning a
 * conversation, retention expiry and scans by time; each optional operation runs only when the provider
 * declares its {@link StorageCapability}, and {@link #undeclaredCapabilitiesFailWithTheDocumentedError} checks
 * that the others throw {@code CAPABILITY_NOT_SUPPORTED}. Removals must survive a reopen when persistent.
 */
public abstract class AbstractStorageHistoryTest extends StorageSuiteBase {

    private void assumeCapability(StorageCapability capability) {
        assumeThat(provider.capabilities()).as("the provider declares " + capability).contains(capability);
    }

    private List<AppendResult> sendAt(ConversationKey chat, long... times) {
        List<AppendResult> sent = new ArrayList<>();
        for (long time : times) {
            sent.add(send(chat, "amy", time, "amy", "bo"));
        }
        return sent;
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Test
    void pagesBackwardsBySeq() {
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        sendAt(chat, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(seqs(messages().readConversationBefore(chat, 0, 3))).containsExactly(10L, 9L, 8L);
        assertThat(seqs(messages().readConversationBefore(chat, 8, 3))).containsExactly(7L, 6L, 5L);
        assertThat(seqs(messages().readConversationBefore(chat, 2, 5))).containsExactly(1L);
        assertThat(messages().readConversationBefore(chat, 1, 5)).isEmpty();
        assertThat(seqs(messages().readConversationBefore(chat, 100, 2))).containsExactly(10L, 9L);
        assertThat(messages().readConversationBefore(group("nothing"), 0, 5)).isEmpty();
    }

    @Test
    void findsSeqsByTime() {
        assumeCapability(StorageCapability.HISTORY_BY_TIME);
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        List<AppendResult> sent = sendAt(chat, 1000, 2000, 3000, 4000, 5000);
        assertThat(messages().seqAtTime(chat, 0)).isEqualTo(1);
        assertThat(messages().seqAtTime(chat, 2500)).isEqualTo(3);
        assertThat(messages().seqAtTime(chat, 3000)).isEqualTo(3);
        assertThat(messages().seqAtTime(chat, 5001)).isEqualTo(6);
        assertThat(messages().seqAtTime(group("empty"), 10)).isEqualTo(1);
        long from = messages().seqAtTime(chat, 2000);
        long to = messages().seqAtTime(chat, 4000);
        assertThat(messages().readConversation(chat, from - 1, (int) (to - from))).extracting(Message::sentTime)
                .containsExactly(2000L, 3000L);
        if (provider.capabilities().contains(StorageCapability.DELETE_MESSAGE)) {
            messages().deleteMessage(sent.get(2).message().messageUid());
            assertThat(messages().seqAtTime(chat, 2500)).as("a deleted seq is skipped").isEqualTo(4);
        }
    }

    @Test
    void deletesOneMessageFromEveryRead() {
        assumeCapability(StorageCapability.DELETE_MESSAGE);
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        List<AppendResult> sent = sendAt(chat, 1000, 2000, 3000);
        String uid = sent.get(1).message().messageUid();

        assertThat(messages().deleteMessage(uid)).isTrue();
        assertThat(messages().deleteMessage(uid)).isFalse();
        assertThat(messages().deleteMessage("NO-SUCH-UID")).isFalse();
        assertThat(messages().findByUid(uid)).isEmpty();
        assertThat(seqs(messages().readConversation(chat, 0, 10))).containsExactly(1L, 3L);
        assertThat(seqs(messages().readConversationBefore(chat, 0, 10))).containsExactly(3L, 1L);
        InboxPage inbox = messages().readInbox("bo", 0, 10, 0);
        assertThat(inbox.entries()).extracting(InboxEntry::inboxSeq).containsExactly(1L, 3L);
        assertThat(inbox.nextCursor()).isEqualTo(3);
        assertThat(inbox.finished()).isTrue();
        assertThat(messages().conversationHead(chat)).isEqualTo(3);
        assertThat(send(chat, "bo", 4000, "amy", "bo").message().seq()).as("seqs are never reused").isEqualTo(4);
    }

    @Test
    void cleansAConversationUpToATime() {
        assumeCapability(StorageCapability.CLEAN_HISTORY);
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        ConversationKey other = ConversationKey.privateChat("amy", "cy");
        sendAt(chat, 1000, 2000, 3000, 4000, 5000);
        send(other, "amy", 1000, "amy", "cy");

        assertThat(messages().cleanHistory(chat, 3000)).isEqualTo(3);
        assertThat(seqs(messages().readConversation(chat, 0, 10))).containsExactly(4L, 5L);
        assertThat(messages().readInbox("bo", 0, 10, 0).entries()).extracting(InboxEntry::inboxSeq)
                .containsExactly(4L, 5L);
        assertThat(messages().readConversation(other, 0, 10)).hasSize(1);
        assertThat(messages().readInbox("amy", 0, 10, 0).entries()).extracting(e -> e.message().sentTime())
                .containsExactly(4000L, 5000L, 1000L);
        assertThat(messages().cleanHistory(chat, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(messages().readConversation(chat, 0, 10)).isEmpty();
        assertThat(messages().conversationHead(chat)).isEqualTo(5);
        assertThat(send(chat, "amy", 6000, "amy", "bo").message().seq()).isEqualTo(6);
    }

    @Test
    void retentionExpiresPerConversationType() {
        assumeCapability(StorageCapability.RETENTION);
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        ConversationKey team = group("team");
        ConversationKey room = new ConversationKey(ConversationType.CHATROOM, "room");
        sendAt(chat, 1000, 2000);
        send(team, "amy", 1000, "amy", "bo");
        send(room, "amy", 1000, "amy");
        sendAt(chat, 9000);
        send(team, "amy", 9000, "amy", "bo");
        RetentionCutoffs cutoffs = new RetentionCutoffs(
                Map.of(ConversationType.PRIVATE, 5000L, ConversationType.GROUP, 5000L),
                Map.of(ConversationType.PRIVATE, 1500L, ConversationType.CHATROOM, 5000L));

        ExpiryResult result = messages().expire(cutoffs);
        assertThat(result.messages()).as("private at 1000 and the chatroom message").isEqualTo(2);
        assertThat(result.inboxEntries()).as("2 + 1 with the messages, 2 + 2 by the offline window").isEqualTo(7);
        assertThat(messages().readConversation(chat, 0, 10)).extracting(Message::sentTime).containsExactly(2000L, 9000L);
        assertThat(messages().readConversation(team, 0, 10)).hasSize(2);
        assertThat(messages().readConversation(room, 0, 10)).isEmpty();
        assertThat(readWholeInbox("bo", 10, 0)).extracting(e -> e.message().sentTime()).containsExactly(9000L, 9000L);
        assertThat(messages().inboxHead("bo")).isEqualTo(5);
        assertThat(messages().expire(cutoffs)).isEqualTo(new ExpiryResult(0, 0, 0));
        assertThat(send(room, "amy", 10_000, "amy").message().seq()).isEqualTo(2);
    }

    @Test
    void scansEveryConversationByTime() {
        assumeCapability(StorageCapability.SCAN_BY_TIME);
        for (long time = 1000; time <= 5000; time += 1000) {
            send(time % 2000 == 0 ? group("team") : ConversationKey.privateChat("amy", "bo"), "amy", time, "amy");
        }
        List<Message> found = new ArrayList<>();
        messages().scanByTime(2000, 5000, found::add);
        assertThat(found).extracting(Message::sentTime).containsExactly(2000L, 3000L, 4000L);
    }

    @Test
    void removalsSurviveAReopen() {
        assumeCapability(StorageCapability.PERSISTENT);
        assumeCapability(StorageCapability.DELETE_MESSAGE);
        assumeCapability(StorageCapability.CLEAN_HISTORY);
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        ConversationKey other = ConversationKey.privateChat("amy", "cy");
        List<AppendResult> sent = sendAt(chat, 1000, 2000, 3000);
        sendAt(other, 1000, 2000);
        messages().deleteMessage(sent.get(2).message().messageUid());
        messages().cleanHistory(other, 1500);
        provider.close();

        provider = openProvider(dir);
        assertThat(seqs(messages().readConversation(chat, 0, 10))).containsExactly(1L, 2L);
        assertThat(seqs(messages().readConversation(other, 0, 10))).containsExactly(2L);
        assertThat(messages().findByUid(sent.get(2).message().messageUid())).isEmpty();
        assertThat(send(chat, "amy", 4000, "amy", "bo").message().seq()).isEqualTo(4);
    }

    @Test
    void undeclaredCapabilitiesFailWithTheDocumentedError() {
        Set<StorageCapability> undeclared = EnumSet.allOf(StorageCapability.class);
        undeclared.removeAll(provider.capabilities());
        ConversationKey chat = ConversationKey.privateChat("amy", "bo");
        sendAt(chat, 1000);
        Map<StorageCapability, ThrowingCallable> operations = Map.of(
                StorageCapability.HISTORY_BY_TIME, () -> messages().seqAtTime(chat, 0),
                StorageCapability.DELETE_MESSAGE, () -> messages().deleteMessage("X"),
                StorageCapability.CLEAN_HISTORY, () -> messages().cleanHistory(chat, 0),
                StorageCapability.RETENTION, () -> messages().expire(new RetentionCutoffs(Map.of(), Map.of())),
                StorageCapability.SCAN_BY_TIME, () -> messages().scanByTime(0, 1, message -> { }));
        for (StorageCapability capability : undeclared) {
            if (operations.containsKey(capability)) {
                assertThatThrownBy(operations.get(capability)).as(capability.name())
                        .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode())
                                .isEqualTo(StandardErrorCode.CAPABILITY_NOT_SUPPORTED));
            }
        }
        assertThat(messages().readConversation(chat, 0, 10)).as("nothing was removed by refused calls").hasSize(1);
    }
}
