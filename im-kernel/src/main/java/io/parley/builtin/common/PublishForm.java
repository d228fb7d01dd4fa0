package io.parley.builtin.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.model.Message;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;

/**
 * The fields every server-API publish endpoint shares ({@code fromUserId}, {@code objectName}, {@code content},
 * push texts, flags, {@code msgRandom}), parsed and checked once.
 */
public record PublishForm(String fromUserId, String objectName, String content, Optional<String> pushContent,
        Optional<String> pushData, boolean persisted, boolean counted, boolean includeSender,
        Optional<String> msgRandom, boolean disablePush) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static PublishForm parse(ApiRequest request, boolean includeSenderByDefault) {
        String from = UserId.of(request.required("fromUserId")).value();
        String objectName = request.required("objectName");
        String content = request.required("content");
        if (objectName.startsWith("RC:")) {
            requireJsonObject(content);
        }
        return new PublishForm(from, objectName, content, request.optional("pushContent"),
                request.optional("pushData"), request.bool("isPersisted", true), request.bool("isCounted", true),
                request.bool("isIncludeSender", includeSenderByDefault), request.optional("msgRandom"),
                request.bool("disablePush", false));
    }

    /** The message to {@code targetId}; retries with the same {@code msgRandom} map to the same client message id. */
    public OutgoingMessage toMessage(ConversationType type, String targetId, List<String> directedTo) {
        String clientMsgId = msgRandom.map(random -> "api:" + random + ":" + targetId)
                .orElseGet(() -> "api:" + UUID.randomUUID());
        return new OutgoingMessage(type, fromUserId, targetId, objectName, content, pushContent, pushData, persisted,
                counted, includeSender, clientMsgId, Optional.empty(), directedTo, disablePush);
    }

    /** Waits for a publish on a server-API worker, rethrowing its ImException as is. */
    public static Message await(CompletionStage<Message> publish) {
        try {
            return publish.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** A 1002 error unless {@code content} is a JSON object (the content of an {@code RC:} message). */
    public static void requireJsonObject(String content) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !node.isObject()) {
                throw ImException.invalidParameter("content must be a JSON object for RC: message types");
            }
        } catch (IOException e) {
            throw ImException.invalidParameter("content is not valid JSON: " + e.getMessage());
        }
    }
}
