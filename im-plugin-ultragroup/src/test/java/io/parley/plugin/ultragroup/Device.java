package io.parley.plugin.ultragroup;

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

/** One connected device of a test user: a real client that records what it receives. */
final class Device implements AutoCloseable {
    record Event(String name, Map<String, Object> body) {
    }

    final String userId;
    final ImClient client;
    final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();

    private Device(String userId, ImClient client) {
        this.userId = userId;
        this.client = client;
    }

    static Device connect(EmbeddedParley server, String userId) {
        return connect(server, userId, "Android");
    }

    static Device connect(EmbeddedParley server, String userId, String platform) {
        ImClient client = server.client(userId, userId + "-" + platform, platform).build();
        Device device = new Device(userId, client);
        client.addMessageListener(device.messages::add);
        client.addEventListener((name, body) -> device.events.add(new Event(name, body)));
        client.connect().join();
        return device;
    }

    SendResult send(String targetId, String text) {
        return sendContent(targetId, "{\"content\":\"" + text + "\"}");
    }

    SendResult sendContent(String targetId, String content) {
        try {
            return client.send(ConversationType.ULTRA_GROUP, targetId, "RC:TxtMsg", content).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    int sendError(String targetId, String text) {
        try {
            send(targetId, text);
        } catch (ImClientException e) {
            return e.code();
        }
        throw new AssertionError("the send to " + targetId + " was accepted");
    }

    Map<String, Object> command(String name, Map<String, Object> body) {
        try {
            return client.command(name, body).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    int commandError(String name, Map<String, Object> body) {
        try {
            client.command(name, body).join();
        } catch (CompletionException e) {
            return ((ImClientException) e.getCause()).code();
        }
        throw new AssertionError(name + " succeeded");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history(String targetId) {
        return (List<Map<String, Object>>) command("ultragroup.history", Map.of("targetId", targetId, "afterSeq", 0,
                "limit", 100)).get("messages");
    }

    /** The channel entry of {@code targetId} in this user's channel list. */
    @SuppressWarnings("unchecked")
    Map<String, Object> channel(String groupId, String targetId) {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) command("ultragroup.channels",
                Map.of("groupId", groupId)).get("groups");
        if (groups.isEmpty()) {
            return null;
        }
        return ((List<Map<String, Object>>) groups.get(0).get("channels")).stream()
                .filter(c -> c.get("targetId").equals(targetId)).findFirst().orElse(null);
    }

    List<Event> events(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
