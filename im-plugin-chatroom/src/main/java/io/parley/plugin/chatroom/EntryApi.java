package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Room attributes from the app server: {@code /chatroom/entry/set.json}, {@code /chatroom/entry/batch/set.json},
 * {@code /chatroom/entry/remove.json} and {@code /chatroom/entry/query.json} (answer
 * {@code keys:[{key, value, userId, autoDelete "0"/"1", lastSetTime}]}, {@code lastSetTime} being epoch
 * milliseconds as a string). The app server may overwrite and remove any user's key, and need not be a
 * member. Members are told of every change with a {@code chatroom.entry.changed} event; when the call carries
 * {@code objectName} and {@code content} (usually {@code RC:chrmKVNotiMsg}), that message is also sent into
 * the room from {@code userId}. Run on server-API worker threads; waits for that message's ack.
 */
final class EntryApi {
    private final ChatroomRegistry registry;
    private final Supplier<MessagePublisher> publisher;
    private final Clock clock;

    EntryApi(ChatroomRegistry registry, Supplier<MessagePublisher> publisher, Clock clock) {
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/entry/set.json", this::set),
                new FunctionRoute("/chatroom/entry/batch/set.json", this::batchSet),
                new FunctionRoute("/chatroom/entry/remove.json", this::remove),
                new FunctionRoute("/chatroom/entry/query.json", this::query));
    }

    private ApiResponse set(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        String userId = request.required("userId");
        Map<String, String> values = Map.of(request.required("key"), request.optional("value").orElse(""));
        registry.notifyEntries(room, room.setEntries(values, userId, request.bool("autoDelete", false), true, false,
                clock.millis()), "set");
        notifyWithMessage(request, room, userId);
        return ApiResponse.ok();
    }

    private ApiResponse batchSet(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        String owner = request.required("entryOwnerId");
        Map<String, String> values = FlatJson.parseObject("entryInfo", request.required("entryInfo"));
        registry.notifyEntries(room, room.setEntries(values, owner, request.bool("autoDelete", false), true, false,
                clock.millis()), "set");
        return ApiResponse.ok();
    }

    private ApiResponse remove(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        String userId = request.required("userId");
        RoomEntry removed = room.removeEntry(request.required("key"), userId, true, false);
        registry.notifyEntries(room, List.of(removed), "remove");
        notifyWithMessage(request, room, userId);
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        List<RoomEntry> entries = room.queryEntries(request.list("keys"), "", false);
        return ApiResponse.of("keys", entries.stream().map(RoomEntry::toApiMap).toList());
    }

    private void notifyWithMessage(ApiRequest request, Room room, String userId) {
        Optional<String> objectName = request.optional("objectName");
        Optional<String> content = request.optional("content");
        if (objectName.isEmpty() || content.isEmpty()) {
            return;
        }
        OutgoingMessage message = new OutgoingMessage(ConversationType.CHATROOM, userId, room.id(), objectName.get(),
                content.get(), Optional.empty(), Optional.empty(), true, false, false, "api:" + UUID.randomUUID(),
                Optional.empty());
        RoomMessageApi.await(publisher.get().publish(message));
    }
}
