package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * The keep-alive list: rooms never destroyed automatically ({@code /chatroom/keepalive/add|remove|query.json}).
 * Kept in metadata, and the listed rooms are created again (empty) when the server starts. The query answers
 * both {@code chatroomIds} (4.x, Go) and {@code chatrooms} (3.3.1), always with {@code code} 200. Removing a
 * room that is not listed answers 1015. Run on server-API worker threads.
 */
final class KeepAliveApi {
    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;

    KeepAliveApi(ChatroomRegistry registry, ChatroomSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/keepalive/add.json", this::add),
                new FunctionRoute("/chatroom/keepalive/remove.json", this::remove),
                new FunctionRoute("/chatroom/keepalive/query.json", this::query));
    }

    private ApiResponse add(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        settings.keepAlive().add(List.of(room.id()));
        return ApiResponse.ok();
    }

    private ApiResponse remove(ApiRequest request) {
        String roomId = request.required("chatroomId");
        if (settings.keepAlive().remove(List.of(roomId)) == 0) {
            throw new ImException(StandardErrorCode.NOT_FOUND, "chatroom " + roomId + " is not on the keep-alive list");
        }
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        List<String> ids = settings.keepAlive().sorted();
        return ApiResponse.of("chatroomIds", ids, "chatrooms", ids);
    }
}
