package io.parley.plugin.chatroom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One of RongCloud's chatroom ban or block notifications, as a server-API call with {@code needNotify=true} asks
 * for it: the body of RongCloud's {@code ChatRoomMemberBanEvent} ({@value #BAN}: {@code banType}) or
 * {@code ChatRoomMemberBlockEvent} ({@value #BLOCK}: {@code operateType}), with {@code chatroomId},
 * {@code durationTime} (milliseconds, 0 when the call ends something), {@code operateTime}, {@code userIdList}
 * and {@code extra}. Also a {@link RoomNotices.Notice}: the other nodes tell the room's members connected there.
 */
record MemberNotice(String event, String roomId, int type, long durationMillis, long operateTime,
        List<String> userIds, String extra) implements RoomNotices.Notice {
    static final String BAN = "chatroom.ban";
    static final String BLOCK = "chatroom.block";

    /** RongCloud's {@code ChatRoomMemberBanType}: the ordinal is the value sent. */
    enum BanType { UNMUTE_USERS, MUTE_USERS, UNMUTE_ALL, MUTE_ALL, REMOVE_WHITELIST, ADD_WHITELIST, UNMUTE_GLOBAL,
        MUTE_GLOBAL }

    /** RongCloud's {@code ChatRoomBlockOperateType}: the ordinal is the value sent. */
    enum BlockType { UNBLOCK, BLOCK }

    MemberNotice {
        if (!BAN.equals(event) && !BLOCK.equals(event)) {
            throw new IllegalArgumentException("not a member notice: " + event);
        }
        Objects.requireNonNull(roomId, "roomId is null");
        userIds = List.copyOf(userIds);
        extra = extra == null ? "" : extra;
    }

    static MemberNotice ban(String roomId, BanType type, long durationMillis, long now, List<String> userIds,
            String extra) {
        return new MemberNotice(BAN, roomId, type.ordinal(), durationMillis, now, userIds, extra);
    }

    static MemberNotice block(String roomId, BlockType type, long durationMillis, long now, List<String> userIds,
            String extra) {
        return new MemberNotice(BLOCK, roomId, type.ordinal(), durationMillis, now, userIds, extra);
    }

    /** The EVENT frame's body. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chatroomId", roomId);
        body.put(BAN.equals(event) ? "banType" : "operateType", type);
        body.put("durationTime", durationMillis);
        body.put("operateTime", operateTime);
        body.put("userIdList", userIds);
        body.put("extra", extra);
        return body;
    }
}
