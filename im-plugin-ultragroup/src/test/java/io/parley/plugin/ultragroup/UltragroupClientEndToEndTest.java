package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.TestGroups.channel;
import static io.parley.plugin.ultragroup.TestGroups.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.client.ultragroup.Ultragroup;
import io.parley.client.ultragroup.UltragroupChannel;
import io.parley.client.ultragroup.UltragroupClient;
import io.parley.client.ultragroup.UltragroupHistory;
import io.parley.client.ultragroup.UltragroupListener;
import io.parley.client.ultragroup.UltragroupMessage;
import io.parley.client.ultragroup.UltragroupModification;
import io.parley.client.ultragroup.UltragroupNotice;
import io.parley.kernel.session.SessionRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Ultragroups through the client SDK's typed helper ({@link UltragroupClient}): subscriptions per device, the
 * channel list with unread and mention counts, history by seq, read positions synced across devices, edits.
 */
class UltragroupClientEndToEndTest extends ServerPerClass {
    /** What one device's helper told the app. */
    static final class Seen implements UltragroupListener {
        final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
        final List<UltragroupNotice> notices = new CopyOnWriteArrayList<>();
        final List<String> reads = new CopyOnWriteArrayList<>();
        final List<UltragroupModification> edits = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(ReceivedMessage message) {
            messages.add(message);
        }

        @Override
        public void onNotice(UltragroupNotice notice) {
            notices.add(notice);
        }

        @Override
        public void onRead(String targetId, long readSeq) {
            reads.add(targetId + "@" + readSeq);
        }

        @Override
        public void onModified(UltragroupModification modification) {
            edits.add(modification);
        }

        List<String> contents() {
            return messages.stream().map(ReceivedMessage::content).toList();
        }

        List<String> noticed() {
            return notices.stream().map(UltragroupNotice::targetId).toList();
        }
    }

    /** A connected device of a user with its ultragroup helper. */
    record Phone(Device device, UltragroupClient ultragroups, Seen seen) implements AutoCloseable {
        static Phone connect(String userId, String platform) {
            Device device = Device.connect(server, userId, platform);
            UltragroupClient ultragroups = new UltragroupClient(device.client);
            Seen seen = new Seen();
            ultragroups.addListener(seen);
            return new Phone(device, ultragroups, seen);
        }

        @Override
        public void close() {
            device.close();
        }
    }

    static String text(String text) {
        return "{\"content\":\"" + text + "\"}";
    }

    @Test
    void twoDevicesOfOneUserEachGetTheMessagesOfTheirOwnChannelAndNoticesOfTheOther() {
        create(api, "duo", "amy", "ben");
        channel(api, "duo", "a", 0);
        channel(api, "duo", "b", 0);
        try (Device amy = Device.connect(server, "amy"); Phone phone = Phone.connect("ben", "Android");
                Phone laptop = Phone.connect("ben", "PC")) {
            assertThat(phone.ultragroups().subscribe("duo:a").join()).isZero();
            assertThat(laptop.ultragroups().subscribe("duo:b").join()).isZero();
            amy.send("duo:a", "for a");
            amy.send("duo:b", "for b");
            amy.send("duo", "marker");
            // a device gets its frames in commit order: once the marker's notice is in, so is all before it
            await().atMost(WAIT).until(() -> phone.seen().noticed().contains("duo")
                    && laptop.seen().noticed().contains("duo"));
            assertThat(phone.seen().contents()).containsExactly(text("for a"));
            assertThat(phone.seen().noticed()).containsExactly("duo:b", "duo");
            assertThat(laptop.seen().contents()).containsExactly(text("for b"));
            assertThat(laptop.seen().noticed()).containsExactly("duo:a", "duo");
            assertThat(phone.seen().messages.get(0).seq()).isEqualTo(1);
            assertThat(phone.seen().messages.get(0).targetId()).isEqualTo("duo:a");

            // closing the channel on one device leaves the other device's channel open
            phone.ultragroups().unsubscribe().join();
            amy.send("duo:a", "a again");
            amy.send("duo:b", "b again");
            amy.send("duo", "marker 2");
            await().atMost(WAIT).until(() -> phone.seen().notices.size() == 5 && laptop.seen().notices.size() == 4);
            assertThat(phone.seen().contents()).containsExactly(text("for a"));
            assertThat(phone.seen().noticed()).containsExactly("duo:b", "duo", "duo:a", "duo:b", "duo");
            assertThat(laptop.seen().contents()).containsExactly(text("for b"), text("b again"));
            assertThat(laptop.seen().noticed()).containsExactly("duo:a", "duo", "duo:a", "duo");
        }
    }

    @Test
    void theHelperListsChannelsReadsHistorySyncsReadPositionsAndFollowsEdits() {
        create(api, "helper", "cat", "dan");
        channel(api, "helper", "talk", 0);
        try (Phone cat = Phone.connect("cat", "Android"); Phone phone = Phone.connect("dan", "Android");
                Phone laptop = Phone.connect("dan", "PC")) {
            SendResult first = cat.ultragroups().send("helper:talk", "RC:TxtMsg", text("one")).join();
            cat.ultragroups().send("helper:talk", "RC:TxtMsg", text("two")).join();
            cat.ultragroups().send("helper:talk", "RC:TxtMsg",
                    "{\"content\":\"@dan\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"dan\"]}}").join();
            await().atMost(WAIT).until(() -> talk(phone).mentionCount() == 1);

            List<UltragroupChannel> channels = phone.ultragroups().channels("helper").join();
            assertThat(channels).extracting(UltragroupChannel::targetId).containsExactly("helper", "helper:talk");
            assertThat(channels.get(0).isDefault()).isTrue();
            UltragroupChannel talk = channels.get(1);
            assertThat(talk.groupId()).isEqualTo("helper");
            assertThat(talk.channelId()).isEqualTo("talk");
            assertThat(talk.latestSeq()).isEqualTo(3);
            assertThat(talk.readSeq()).isZero();
            assertThat(talk.unreadCount()).isEqualTo(3);
            assertThat(talk.isPrivate()).isFalse();
            List<Ultragroup> groups = phone.ultragroups().groups().join();
            assertThat(groups).extracting(Ultragroup::groupId).contains("helper");
            assertThat(phone.ultragroups().group("helper").join().orElseThrow().unreadCount()).isEqualTo(3);
            assertThat(phone.ultragroups().group("duo-nope").join()).isEmpty();

            UltragroupHistory after = phone.ultragroups().historyAfter("helper:talk", 0, 10).join();
            assertThat(after.messages()).extracting(UltragroupMessage::seq).containsExactly(1L, 2L, 3L);
            assertThat(after.messages().get(0).content()).isEqualTo(text("one"));
            assertThat(after.messages().get(0).fromUserId()).isEqualTo("cat");
            assertThat(after.latestSeq()).isEqualTo(3);
            assertThat(phone.ultragroups().historyBefore("helper:talk", 0, 2).join().messages())
                    .extracting(UltragroupMessage::seq).containsExactly(3L, 2L);

            // a read on the phone reaches the laptop
            assertThat(phone.ultragroups().markRead("helper:talk", 2).join()).isEqualTo(2);
            await().atMost(WAIT).until(() -> laptop.seen().reads.contains("helper:talk@2"));
            assertThat(talk(laptop).unreadCount()).isEqualTo(1);
            assertThat(laptop.ultragroups().markRead("helper:talk").join()).isEqualTo(3);
            assertThat(talk(phone).unreadCount()).isZero();
            assertThat(talk(phone).mentionCount()).isZero();

            // an edit reaches the device looking at the channel as an edit, the other one as a notice
            laptop.ultragroups().subscribe("helper:talk").join();
            assertThat(laptop.ultragroups().subscribedChannel()).contains("helper:talk");
            assertThat(cat.ultragroups().modify("helper:talk", first.messageUid(), text("one, edited")).join())
                    .isEqualTo(1);
            await().atMost(WAIT).until(() -> !laptop.seen().edits.isEmpty());
            UltragroupModification edit = laptop.seen().edits.get(0);
            assertThat(edit.messageUid()).isEqualTo(first.messageUid());
            assertThat(edit.seq()).isEqualTo(1);
            assertThat(edit.version()).isEqualTo(1);
            assertThat(edit.content()).isEqualTo(text("one, edited"));
            assertThat(edit.editedBy()).isEqualTo("cat");
            assertThat(edit.targetId()).isEqualTo("helper:talk");
            assertThat(laptop.seen().messages).as("an edit note is not a new message").isEmpty();
            await().atMost(WAIT).until(() -> phone.seen().notices.stream()
                    .anyMatch(n -> n.objectName().equals(UltragroupClient.MODIFY_NOTE)));
            UltragroupMessage shown = phone.ultragroups().historyAfter("helper:talk", 0, 1).join().messages().get(0);
            assertThat(shown.content()).isEqualTo(text("one, edited"));
            assertThat(shown.version()).isEqualTo(1);

            phone.ultragroups().setNotDisturb("helper:talk", 5).join();
            assertThat(talk(phone).unpushLevel()).isEqualTo(5);
            assertThat(UltragroupClient.targetId("helper", "talk")).isEqualTo("helper:talk");
            assertThat(UltragroupClient.targetId("helper", "")).isEqualTo("helper");
        }
    }

    static UltragroupChannel talk(Phone phone) {
        return phone.ultragroups().channels("helper").join().stream()
                .filter(channel -> channel.targetId().equals("helper:talk")).findFirst().orElseThrow();
    }

    @Test
    void theHelperOpensTheSameChannelAgainAfterTheClientReconnects() {
        create(api, "again", "hal", "ida");
        channel(api, "again", "open", 0);
        try (Device hal = Device.connect(server, "hal"); Phone ida = Phone.connect("ida", "Android")) {
            ida.ultragroups().subscribe("again:open").join();
            hal.send("again:open", "before");
            await().atMost(WAIT).until(() -> ida.seen().contents().contains(text("before")));

            // the server drops the connection; the client reconnects on its own, as a new connection
            SessionRegistry sessions = server.server().kernelObject(SessionRegistry.class);
            String dropped = sessions.sessions("ida").get(0).sessionId();
            sessions.sessions("ida").forEach(session -> session.channel().close());
            await().atMost(Duration.ofSeconds(30)).until(() -> ida.device().client.status() == ConnectionStatus.CONNECTED
                    && sessions.sessions("ida").size() == 1
                    && !sessions.sessions("ida").get(0).sessionId().equals(dropped));
            // only a subscribed connection gets a channel's messages themselves: the helper has opened it again
            await().atMost(WAIT).untilAsserted(() -> {
                hal.send("again:open", "probe");
                assertThat(ida.seen().contents()).contains(text("probe"));
            });
            assertThat(ida.ultragroups().subscribedChannel()).contains("again:open");
        }
    }

    @Test
    void aRefusedCallFailsItsFutureWithTheServersCode() {
        create(api, "closed", "eve");
        channel(api, "closed", "staff", 1);
        try (Phone fay = Phone.connect("fay", "Android")) {
            assertThat(fay.ultragroups().historyAfter("closed", 0, 10))
                    .failsWithin(WAIT).withThrowableThat().havingRootCause()
                    .isInstanceOfSatisfying(io.parley.client.ImClientException.class,
                            e -> assertThat(e.code()).isEqualTo(UltragroupErrorCode.NOT_MEMBER.code()));
            assertThat(fay.device().commandError("ultragroup.subscribe", Map.of("targetId", "closed:staff")))
                    .isEqualTo(UltragroupErrorCode.NOT_MEMBER.code());
        }
    }
}
