package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Messages from the app server into rooms: {@code /message/chatroom/publish.json} (to the rooms in
 * {@code toChatroomId}, answering {@code messageUIDs:[{chatroomId, messageUID}]}) and
 * {@code /message/chatroom/broadcast.json} (to every room of this node). The sender need not be a member; the
 * rooms must exist (23410). Run on server-API worker threads; waits for each room's commit.
 */
final class RoomMessageApi {
    private final ChatroomRegistry registry;
    private final Supplier<MessagePublisher> publisher;

    RoomMessageApi(ChatroomRegistry registry, Supplier<MessagePublisher> publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/message/chatroom/publish.json",
                        request -> publish(request, ApiFormats.requiredList(request, "toChatroomId"))),
                new FunctionRoute("/message/chatroom/broadcast.json",
                        request -> publish(request, registry.rooms().stream().map(Room::id).sorted().toList())));
    }

    private ApiResponse publish(ApiRequest request, List<String> roomIds) {
        String from = UserId.of(request.required("fromUserId")).value();
        String objectName = request.required("objectName");
        String content = request.required("content");
        roomIds.forEach(registry::require);
        Optional<String> msgRandom = request.optional("msgRandom");
        List<Map<String, Object>> uids = new ArrayList<>();
        for (String roomId : roomIds) {
            String clientMsgId = msgRandom.map(random -> "api:" + random + ":" + roomId)
                    .orElseGet(() -> "api:" + UUID.randomUUID());
            Message sent = await(publisher.get().publish(new OutgoingMessage(ConversationType.CHATROOM, from, roomId,
                    objectName, content, Optional.empty(), Optional.empty(), request.bool("isPersisted", true), false,
                    request.bool("isIncludeSender", false), clientMsgId, Optional.empty())));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("chatroomId", roomId);
            entry.put("messageUID", sent.messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    /** Waits for a publish, rethrowing its {@code ImException} as is. */
    static Message await(CompletionStage<Message> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImException error) {
                throw error;
            }
            throw e;
        }
    }
}
