package io.parley.starter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code GET /console/api/conversation?type=private|group&userId=…&targetId=…}: what the console shows of one
 * conversation, read through the server API's own routes: its members (a private chat's two users, or
 * {@code /group/user/query.json}), its mutes (the whole group, {@code /group/ban/query.json}, and members,
 * {@code /group/user/gag/list.json}) and its last messages ({@code /v3/message/private|group/query.json}), each with
 * what a recall of it needs. Blocks on storage: call it on a worker.
 */
final class ConsoleConversationLookup {
    /** The last messages shown. */
    static final int LAST = 20;
    /** The history route's largest page. */
    private static final int PAGE = 100;
    /** How far back the last messages are looked for. */
    private static final Duration FURTHEST = Duration.ofDays(366);

    private final ConsoleActions actions;
    private final LongSupplier clock;

    ConsoleConversationLookup(ConsoleActions actions, LongSupplier clock) {
        this.actions = actions;
        this.clock = clock;
    }

    Map<String, Object> lookUp(String type, String rawUserId, String targetId) {
        boolean group = switch (type) {
            case "private" -> false;
            case "group" -> true;
            default -> throw ImException.invalidParameter("type must be private or group: " + type);
        };
        String userId = UserId.of(rawUserId).value();
        if (targetId.isBlank()) {
            throw ImException.invalidParameter("targetId is required");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", 200);
        json.put("type", type);
        json.put("conversationType", group ? 3 : 1);
        json.put("userId", userId);
        json.put("targetId", targetId);
        if (group) {
            List<?> users = actions.lookUp("/group/user/query.json", form("groupId", targetId))
                    .map(fields -> (List<?>) fields.get("users")).orElse(List.of());
            json.put("members", users.stream().map(user -> String.valueOf(((Map<?, ?>) user).get("id"))).toList());
            List<?> banned = actions.lookUp("/group/ban/query.json", form("groupId", targetId))
                    .map(fields -> (List<?>) fields.get("groupinfo")).orElse(List.of());
            json.put("groupMuted", banned.stream().anyMatch(info -> "1".equals(String.valueOf(((Map<?, ?>) info)
                    .get("stat")))));
            json.put("mutedMembers", actions.lookUp("/group/user/gag/list.json", form("groupId", targetId))
                    .map(fields -> fields.get("users")).orElse(List.of()));
        } else {
            UserId.of(targetId);
            json.put("members", List.of(userId, targetId));
        }
        json.put("messages", lastMessages(group, userId, targetId));
        return json;
    }

    /**
     * The last {@link #LAST} messages, oldest first. The history route reads a time range oldest first, a page at a
     * time: the range ending now is widened while it holds fewer than {@link #LAST} and bisected once one holds a full
     * page, until the range read holds at least {@link #LAST} but less than a page, so that it ends with the newest.
     */
    private List<Map<String, Object>> lastMessages(boolean group, String userId, String targetId) {
        String route = group ? "/v3/message/group/query.json" : "/v3/message/private/query.json";
        long now = clock.getAsLong();
        long furthest = FURTHEST.toMillis();
        long tooFew = 0; // a window known to hold fewer than LAST (0: none yet)
        long tooMany = -1; // a window known to hold a full page or more (-1: none yet)
        long window = Duration.ofHours(1).toMillis();
        List<Map<String, Object>> found = List.of();
        for (int attempt = 0; attempt < 64; attempt++) {
            List<Map<String, Object>> page = page(route, userId, targetId, now - window, now);
            if (page.size() >= PAGE) {
                tooMany = window;
            } else {
                found = page;
                if (page.size() >= LAST || window >= furthest) {
                    break;
                }
                tooFew = window;
            }
            long next = tooMany < 0 ? Math.min(furthest, window * 8) : tooFew + (tooMany - tooFew) / 2;
            if (next <= tooFew || next >= (tooMany < 0 ? Long.MAX_VALUE : tooMany)) {
                break; // within a millisecond of a full page: the page at tooFew holds the newest there are
            }
            window = next;
        }
        List<Map<String, Object>> last = new ArrayList<>(found.subList(Math.max(0, found.size() - LAST), found.size()));
        for (Map<String, Object> message : last) {
            String from = String.valueOf(message.get("fromUserId"));
            // a recall names the conversation as its sender sees it
            message.put("recallTargetId", group ? targetId : from.equals(userId) ? targetId : userId);
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> page(String route, String userId, String targetId, long from, long to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("targetId", targetId);
        body.put("startTime", Math.max(0, from));
        body.put("endTime", to);
        body.put("pageSize", PAGE);
        body.put("includeStart", true);
        String json;
        try {
            json = new String(Json.write(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return actions.lookUp(route, Map.of(), Optional.of(json))
                .map(fields -> (List<Map<String, Object>>) fields.get("data")).orElse(List.of()).stream()
                .map(message -> (Map<String, Object>) new LinkedHashMap<>(message)).toList();
    }

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], List.of(pairs[i + 1]));
        }
        return form;
    }
}
