package io.parley.plugin.chatroom;

import static io.parley.plugin.chatroom.ApiFormats.requiredList;

import io.parley.api.route.FunctionRoute;
import io.parley.plugin.chatroom.MemberNotice.BlockType;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.time.Clock;
import java.util.List;

/**
 * Removing members and stopping a room: {@code /chatroom/user/block/add|rollback|list.json} (a blocked member
 * is kicked at once, told with a {@code chatroom.kicked} event, and refused with 23409 when it joins again
 * before the block ends) and {@code /chatroom/message/stopDistribution|resumeDistribution.json} (while
 * stopped, members' messages are acked but delivered to nobody). With {@code needNotify=true} a block is told to
 * the room's members, the blocked ones included, before they are removed, and an unblock to the users unblocked
 * ({@link MemberNotices}). Run on server-API worker threads.
 */
final class BlockApi {
    private final ChatroomRegistry registry;
    private final Clock clock;
    private final MemberNotices notices;

    BlockApi(ChatroomRegistry registry, Clock clock, MemberNotices notices) {
        this.registry = registry;
        this.clock = clock;
        this.notices = notices;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/chatroom/user/block/add.json", this::block),
                new FunctionRoute("/chatroom/user/block/rollback.json", this::unblock),
                new FunctionRoute("/chatroom/user/block/list.json", this::list),
                new FunctionRoute("/chatroom/message/stopDistribution.json", request -> distribution(request, true)),
                new FunctionRoute("/chatroom/message/resumeDistribution.json", request -> distribution(request, false)));
    }

    private ApiResponse block(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        List<String> userIds = requiredList(request, "userId");
        long now = clock.millis();
        long until = ApiFormats.until(request, now);
        room.block(userIds, until);
        if (MemberNotices.wanted(request)) {
            notices.toRoom(MemberNotice.block(room.id(), BlockType.BLOCK, until - now, now, userIds,
                    MemberNotices.extra(request)));
        }
        registry.kick(room, userIds, "blocked", request.optional("extra"));
        return ApiResponse.ok();
    }

    private ApiResponse unblock(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        List<String> userIds = requiredList(request, "userId");
        room.unblock(userIds);
        if (MemberNotices.wanted(request)) {
            notices.toUsers(MemberNotice.block(room.id(), BlockType.UNBLOCK, 0, clock.millis(), userIds,
                    MemberNotices.extra(request)));
        }
        return ApiResponse.ok();
    }

    private ApiResponse list(ApiRequest request) {
        Room room = registry.require(request.required("chatroomId"));
        return ApiResponse.of("users", ApiFormats.timedUsers(room.blocked(clock.millis())));
    }

    private ApiResponse distribution(ApiRequest request, boolean stopped) {
        registry.require(request.required("chatroomId")).setDistributionStopped(stopped);
        return ApiResponse.ok();
    }
}
