package io.parley.starter.web;

import io.parley.api.model.UserId;
import io.parley.api.plugin.OnlineDirectory.OnlineDevice;
import io.parley.kernel.ops.ServerOverview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /console/api/user?userId=…}: what the console shows of one user, read through the server API's own
 * look-up routes where there is one (profile, online anywhere, blocked, private-chat ban, groups, mutes in those
 * groups) and from this node's sessions for the devices (their platform, address and when each connected). A route
 * whose plugin is not loaded leaves its part out. Blocks on storage: call it on a worker.
 */
final class ConsoleUserLookup {
    /** Pages of a listing route read to find one user, at most; a user past them shows as not found there. */
    static final int MAX_PAGES = 20;
    /** The user's groups whose mutes are read, at most. */
    static final int MAX_GROUPS_CHECKED = 50;

    private final ConsoleActions actions;
    private final ServerOverview overview;

    ConsoleUserLookup(ConsoleActions actions, ServerOverview overview) {
        this.actions = actions;
        this.overview = overview;
    }

    Map<String, Object> lookUp(String rawUserId) {
        String userId = UserId.of(rawUserId).value();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", 200);
        json.put("userId", userId);
        json.put("profile", actions.lookUp("/user/info.json", form("userId", userId)).orElse(null));
        json.put("online", actions.lookUp("/user/checkOnline.json", form("userId", userId))
                .map(answer -> "1".equals(String.valueOf(answer.get("status")))).orElse(false));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (OnlineDevice device : overview.devices(userId)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("deviceId", device.deviceId());
            row.put("platform", device.platform().name());
            row.put("clientIp", device.clientIp());
            row.put("connectedAt", device.connectedAtMillis());
            devices.add(row);
        }
        json.put("devices", devices);
        json.put("blockedUntil", blockedUntil(userId).orElse(null));
        json.put("privateChatBanned", privateChatBanned(userId));
        List<Map<String, Object>> groups = groups(userId);
        json.put("groups", groups);
        return json;
    }

    /** When the user's block ends ({@code /user/block/query.json}), if they are blocked. */
    private Optional<String> blockedUntil(String userId) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            Optional<Map<String, Object>> answer = actions.lookUp("/user/block/query.json",
                    form("page", String.valueOf(page), "size", "1000"));
            List<?> users = answer.map(fields -> (List<?>) fields.get("users")).orElse(List.of());
            for (Object user : users) {
                Map<?, ?> row = (Map<?, ?>) user;
                if (userId.equals(row.get("userId"))) {
                    return Optional.of(String.valueOf(row.get("blockEndTime")));
                }
            }
            if (users.size() < 1000) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether the user may not send private messages ({@code /user/chat/fb/querylist.json}). */
    private boolean privateChatBanned(String userId) {
        for (int page = 0; page < MAX_PAGES; page++) {
            Optional<Map<String, Object>> answer = actions.lookUp("/user/chat/fb/querylist.json",
                    form("type", "PERSON", "num", "200", "offset", String.valueOf(page * 200)));
            List<?> users = answer.map(fields -> (List<?>) fields.get("users")).orElse(List.of());
            if (users.contains(userId)) {
                return true;
            }
            if (users.size() < 200) {
                break;
            }
        }
        return false;
    }

    /** The user's groups ({@code /user/group/query.json}), each with when the user's mute in it ends, if muted. */
    private List<Map<String, Object>> groups(String userId) {
        List<?> groups = actions.lookUp("/user/group/query.json", form("userId", userId))
                .map(fields -> (List<?>) fields.get("groups")).orElse(List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object group : groups) {
            Map<?, ?> info = (Map<?, ?>) group;
            Map<String, Object> row = new LinkedHashMap<>();
            String groupId = String.valueOf(info.get("id"));
            row.put("id", groupId);
            row.put("name", info.get("name"));
            if (rows.size() < MAX_GROUPS_CHECKED) {
                List<?> gagged = actions.lookUp("/group/user/gag/list.json", form("groupId", groupId))
                        .map(fields -> (List<?>) fields.get("users")).orElse(List.of());
                for (Object entry : gagged) {
                    Map<?, ?> mute = (Map<?, ?>) entry;
                    if (userId.equals(mute.get("userId"))) {
                        row.put("mutedUntil", mute.get("time"));
                    }
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], List.of(pairs[i + 1]));
        }
        return form;
    }
}
