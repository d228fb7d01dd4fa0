package io.parley.starter.support;

import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Real client devices for server-API tests: a connected client with its inbox, and send outcomes. */
public final class Devices {
    private Devices() {
    }

    /** A device of a user and every message (not status message) it received, in order. */
    public record Device(ImClient client, List<ReceivedMessage> inbox) implements AutoCloseable {
        /** The texts ({@code content} of the JSON content) it received, in order. */
        public List<String> texts() {
            return inbox.stream().map(ReceivedMessage::content).toList();
        }

        /** The messages of one type it received, in order. */
        public List<ReceivedMessage> of(String objectName) {
            return inbox.stream().filter(message -> message.objectName().equals(objectName)).toList();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** A device of {@code userId} with a fresh token, connected. */
    public static Device connect(EmbeddedParley server, String userId, String platform) {
        return connect(server.client(userId, userId + "-" + platform, platform).build());
    }

    /** Connects {@code client}, collecting what it receives. */
    public static Device connect(ImClient client) {
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        client.addMessageListener(message -> {
            if (!message.isStatusMessage()) {
                inbox.add(message);
            }
        });
        client.connect().join();
        return new Device(client, inbox);
    }

    /** The code a future failed with (an {@link ImClientException}'s), or 0 when it completed. */
    public static int outcome(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
            return 0;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof ImClientException clientException) {
                return clientException.code();
            }
            throw new AssertionError("failed without a code", e);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    public static String text(String content) {
        return "{\"content\":\"" + content + "\"}";
    }
}
