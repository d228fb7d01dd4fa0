package io.parley.plugin.chatroom;

import io.parley.api.route.FunctionRoute;
import static io.parley.plugin.chatroom.ApiFormats.requiredList;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * What survives an overload: whitelisted message types, app-wide ({@code /chatroom/whitelist/add|delete|query.json},
 * request key {@code objectnames}, answer {@code whitlistMsgType} as RongCloud spells it), whitelisted users
 * of a room ({@code /chatroom/user/whitelist/add|remove|query.json}, answer {@code users:[ids]}), and the
 * low-priority message types dropped first ({@code /chatroom/message/priority/add|remove|query.json},
 * request key {@code objectName}, answer {@code objectNames}). Type lists are kept in metadata. Run on
 * server-API worker threads.
 */
final class ListsApi {
    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;

    ListsApi(ChatroomRegistry registry, ChatroomSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/whitelist/add.json", request -> types(request, settings.whitelistTypes(),
                        "objectnames", true)),
                new FunctionRoute("/chatroom/whitelist/delete.json", request -> types(request,
                        settings.whitelistTypes(), "objectnames", false)),
                new FunctionRoute("/chatroom/whitelist/query.json",
                        request -> ApiResponse.of("whitlistMsgType", settings.whitelistTypes().sorted())),
                new FunctionRoute("/chatroom/message/priority/add.json", request -> types(request,
                        settings.lowPriorityTypes(), "objectName", true)),
                new FunctionRoute("/chatroom/message/priority/remove.json", request -> types(request,
                        settings.lowPriorityTypes(), "objectName", false)),
                new FunctionRoute("/chatroom/message/priority/query.json",
                        request -> ApiResponse.of("objectNames", settings.lowPriorityTypes().sorted())),
                new FunctionRoute("/chatroom/user/whitelist/add.json", request -> users(request, true)),
                new FunctionRoute("/chatroom/user/whitelist/remove.json", request -> users(request, false)),
                new FunctionRoute("/chatroom/user/whitelist/query.json", this::usersQuery));
    }

    private static ApiResponse types(ApiRequest request, PersistentSet set, String parameter, boolean add) {
        List<String> objectNames = requiredList(request, parameter);
        if (add) {
            set.add(objectNames);
        } else {
            set.remove(objectNames);
        }
        return ApiResponse.ok();
    }

    private ApiResponse users(ApiRequest request, boolean add) {
        Room room = registry.require(request.required("chatroomId"));
        room.whitelistUsers(requiredList(request, "userId"), add);
        return ApiResponse.ok();
    }

    private ApiResponse usersQuery(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        return ApiResponse.of("users", List.copyOf(room.userWhitelist()));
    }
}
