package io.parley.examples.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One user's device for the tests: a real client connected to the server, which records every message it receives,
 * notices included. Its cursors live in {@link #cursors}, so that the same device can go offline and come back.
 */
final class Member implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String userId;
    final CursorStore cursors = CursorStore.inMemory();
    final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    final List<ReceivedMessage> notices = new CopyOnWriteArrayList<>();
    private final EmbeddedParley server;
    private ImClient client;

    private Member(EmbeddedParley server, String userId) {
        this.server = server;
        this.userId = userId;
    }

    static Member online(EmbeddedParley server, String userId) {
        Member member = new Member(server, userId);
        member.connect();
        return member;
    }

    /** Connects (again), from where the device's cursors are: it syncs what it missed while offline. */
    void connect() {
        client = server.client(userId, userId + "-phone", "Android").cursorStore(cursors).build();
        client.addMessageListener(received::add);
        client.addNoticeListener(notices::add);
        client.connect().join();
    }

    /** Goes offline: the server keeps what comes meanwhile for the next sync. */
    void disconnect() {
        client.close();
    }

    Map<String, Object> command(String name, Map<String, Object> body) {
        try {
            return client.command(name, body).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** The error code a command is refused with. */
    int refusal(String name, Map<String, Object> body) {
        try {
            client.command(name, body).join();
        } catch (CompletionException e) {
            return ((ImClientException) e.getCause()).code();
        }
        throw new AssertionError(name + " " + body + " was not refused");
    }

    /** The messages received of one type, in the order received. */
    List<ReceivedMessage> received(String objectName) {
        return received.stream().filter(message -> message.objectName().equals(objectName)).toList();
    }

    /** The tallies this device was told (notices, which never reach the message listeners), in order. */
    List<JsonNode> tallies() {
        return notices.stream().filter(notice -> notice.objectName().equals(PollService.CHANGED_NOTICE))
                .map(notice -> json(notice.content())).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
