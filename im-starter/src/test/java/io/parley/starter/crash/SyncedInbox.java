package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectResult;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.ServerApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

/**
 * What a brand-new device of a user receives when it syncs from cursor 0, and the checks the crash tests make
 * on it: inbox seqs 1..head in order, each message once, every conversation's seqs gapless and in order.
 */
final class SyncedInbox {
    final String userId;
    final List<ReceivedMessage> messages;

    private SyncedInbox(String userId, List<ReceivedMessage> messages) {
        this.userId = userId;
        this.messages = messages;
    }

    /** Connects a fresh device of {@code userId} and waits until it has synced its whole inbox. */
    static SyncedInbox sync(ServerApiClient api, int tcpPort, String userId, String deviceId) {
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        try (ImClient device = ImClient.builder().address("127.0.0.1", tcpPort).token(api.token(userId))
                .deviceId(deviceId).platform("PC").autoReconnect(false).build()) {
            device.addMessageListener(received::add);
            ConnectResult connected = device.connect().join();
            await().atMost(Duration.ofSeconds(60)).until(() -> device.inboxCursor() >= connected.inboxHead());
            assertThat(received.size()).as("no more than the head").isLessThanOrEqualTo((int) connected.inboxHead());
        }
        return new SyncedInbox(userId, List.copyOf(received));
    }

    /** Inbox seqs 1..n in order, UIDs unique, and per conversation seqs 1..k in order without a gap. */
    void assertOrderedGaplessOnce() {
        assertThat(messages).extracting(ReceivedMessage::inboxSeq).as("inbox of %s", userId)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, messages.size()).boxed().toList());
        Set<String> uids = new HashSet<>();
        Map<String, List<Long>> seqsByConversation = new HashMap<>();
        for (ReceivedMessage message : messages) {
            assertThat(uids.add(message.messageUid())).as("%s received %s once", userId, message.messageUid()).isTrue();
            seqsByConversation.computeIfAbsent(message.targetId(), k -> new ArrayList<>()).add(message.seq());
        }
        seqsByConversation.forEach((target, seqs) -> assertThat(seqs).as("conversation %s/%s", userId, target)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList()));
    }

    Set<String> uids() {
        Set<String> uids = new HashSet<>();
        messages.forEach(message -> uids.add(message.messageUid()));
        return uids;
    }
}
