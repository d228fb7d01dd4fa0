package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationType;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connected chatroom user for tests: a real client that records the messages and events it receives. */
final class Member implements AutoCloseable {
    /** One EVENT frame as the client saw it. */
    record Event(String name, Map<String, Object> body) {
    }

    final String userId;
    final ImClient client;
    final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();

    private Member(String userId, ImClient client) {
        this.userId = userId;
        this.client = client;
    }

    static Member connect(EmbeddedParley server, String userId) {
        ImClient client = server.client(userId, userId + "-phone", "Android").build();
        Member member = new Member(userId, client);
        client.addMessageListener(member.messages::add);
        client.addEventListener((name, body) -> member.events.add(new Event(name, body)));
        client.connect().join();
        return member;
    }

    Map<String, Object> join(String roomId) {
        return command("chatroom.join", Map.of("roomId", roomId));
    }

    Map<String, Object> join(String roomId, int historyCount) {
        return command("chatroom.join", Map.of("roomId", roomId, "historyCount", historyCount));
    }

    Map<String, Object> quit(String roomId) {
        return command("chatroom.quit", Map.of("roomId", roomId));
    }

    Map<String, Object> command(String name, Map<String, Object> body) {
        try {
            return client.command(name, body).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** The error code a command fails with. */
    int commandError(String name, Map<String, Object> body) {
        try {
            client.command(name, body).join();
        } catch (CompletionException e) {
            return ((ImClientException) e.getCause()).code();
        }
        throw new AssertionError(name + " succeeded");
    }

    SendResult send(String roomId, String objectName, String text) {
        try {
            return client.send(ConversationType.CHATROOM, roomId, objectName, "{\"content\":\"" + text + "\"}").join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** The error code a send is refused with. */
    int sendError(String roomId, String text) {
        try {
            send(roomId, "RC:TxtMsg", text);
        } catch (ImClientException e) {
            return e.code();
        }
        throw new AssertionError("the send to " + roomId + " was accepted");
    }

    /** Texts of received room messages, in arrival order. */
    List<String> texts(String roomId) {
        return messages.stream().filter(m -> m.conversationType() == ConversationType.CHATROOM)
                .filter(m -> m.targetId().equals(roomId)).map(ReceivedMessage::content).toList();
    }

    List<Event> events(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
