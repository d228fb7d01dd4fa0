package io.parley.starter.e2e;

import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One test device: a real client, everything it received in order, and its persisted cursor. */
final class Device implements AutoCloseable {
    final String userId;
    final String deviceId;
    final CursorStore cursor;
    final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    ImClient client;

    private Device(String userId, String deviceId, CursorStore cursor) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.cursor = cursor;
    }

    /** Connects a new device (fresh cursor). */
    static Device connect(EmbeddedParley server, String userId, String deviceId, String platform) {
        Device device = new Device(userId, deviceId, CursorStore.inMemory());
        device.open(server, platform);
        return device;
    }

    /** Connects again with the same cursor store, as an app restarting on the same phone would. */
    void open(EmbeddedParley server, String platform) {
        client = server.client(userId, deviceId, platform).cursorStore(cursor).build();
        client.addMessageListener(message -> {
            if (!message.isStatusMessage()) {
                received.add(message);
            }
        });
        client.connect().join();
    }

    /** Conversation seqs in the order received. */
    List<Long> seqs() {
        return received.stream().map(ReceivedMessage::seq).toList();
    }

    List<Long> inboxSeqs() {
        return received.stream().map(ReceivedMessage::inboxSeq).toList();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
