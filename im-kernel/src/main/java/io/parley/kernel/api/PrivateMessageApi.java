package io.parley.kernel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.message.MessagePipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code /message/private/publish.json}: the app server sends a private message on a user's behalf. */
public final class PrivateMessageApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECIPIENTS = 1000;

    private final MessagePipeline pipeline;

    public PrivateMessageApi(MessagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new Route("/message/private/publish.json", this::publish));
    }

    private ApiResponse publish(ApiRequest request) {
        String from = UserId.of(request.required("fromUserId")).value();
        List<String> recipients = request.list("toUserId");
        if (recipients.isEmpty()) {
            throw ImException.invalidParameter("toUserId is required");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw ImException.invalidParameter("at most " + MAX_RECIPIENTS + " toUserId values per call");
        }
        recipients.forEach(UserId::of);
        String objectName = request.required("objectName");
        String content = request.required("content");
        if (objectName.startsWith("RC:")) {
            requireJsonObject(content);
        }
        Optional<String> msgRandom = request.optional("msgRandom");
        List<CompletableFuture<CommitResult>> sends = new ArrayList<>();
        for (String to : recipients) {
            String clientMsgId = msgRandom.map(random -> "api:" + random + ":" + to)
                    .orElseGet(() -> "api:" + UUID.randomUUID());
            sends.add(pipeline.send(new OutgoingMessage(ConversationType.PRIVATE, from, to, objectName, content,
                    request.optional("pushContent"), request.optional("pushData"), request.bool("isPersisted", true),
                    request.bool("isCounted", true), request.bool("isIncludeSender", false), clientMsgId,
                    Optional.empty()), ""));
        }
        List<Map<String, Object>> uids = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            CommitResult result = join(sends.get(i));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", recipients.get(i));
            entry.put("messageUID", result.message().messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    private static CommitResult join(CompletableFuture<CommitResult> send) {
        try {
            return send.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void requireJsonObject(String content) {
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
