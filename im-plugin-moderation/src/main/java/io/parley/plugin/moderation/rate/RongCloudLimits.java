package io.parley.plugin.moderation.rate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The server-API endpoints Parley serves (the kernel's and the bundled plugins') with RongCloud's documented default
 * rate limit for each, the one source of the limits the moderation plugin enforces and of the table in
 * {@code docs/plugins/moderation.md}. An endpoint without a documented limit of its own gets {@link #DEFAULT}: most
 * of RongCloud's endpoint pages give 100 calls a second, which is also what its SDKs' text for code 1008 says.
 *
 * <p>Each limit holds per endpoint: calls to one endpoint never use another's budget. RongCloud counts some limits in
 * messages rather than calls (a group message to 3 groups counts 3); Parley counts calls.
 */
public final class RongCloudLimits {
    /** The limit of each endpoint without a documented limit of its own, unless configured otherwise. */
    public static final EndpointLimit DEFAULT = EndpointLimit.of(100, Duration.ofSeconds(1));

    /** Where RongCloud's documentation pages are; a {@link Documented#page()} is relative to it. */
    public static final String DOCS = "https://docs.rongcloud.cn/";

    /**
     * An endpoint's documented default.
     *
     * @param page the page of RongCloud's documentation that gives it, relative to {@link #DOCS}
     */
    public record Documented(EndpointLimit limit, String page) {
    }

    private static final Map<String, Documented> DOCUMENTED = buildDocumented();

    private static final List<String> DEFAULTED = List.of(
            // chatroom
            "/chatroom/ban/add.json", "/chatroom/ban/check.json", "/chatroom/ban/query.json",
            "/chatroom/ban/rollback.json", "/chatroom/create.json", "/chatroom/create_new.json",
            "/chatroom/destroy.json", "/chatroom/destroy/set.json", "/chatroom/entry/batch/set.json",
            "/chatroom/entry/query.json", "/chatroom/entry/remove.json", "/chatroom/entry/set.json",
            "/chatroom/get.json", "/chatroom/keepalive/add.json", "/chatroom/keepalive/query.json",
            "/chatroom/keepalive/remove.json", "/chatroom/message/priority/add.json",
            "/chatroom/message/priority/query.json", "/chatroom/message/priority/remove.json",
            "/chatroom/message/resumeDistribution.json", "/chatroom/message/stopDistribution.json",
            "/chatroom/query.json", "/chatroom/user/ban/add.json", "/chatroom/user/ban/query.json",
            "/chatroom/user/ban/remove.json", "/chatroom/user/ban/whitelist/add.json",
            "/chatroom/user/ban/whitelist/query.json", "/chatroom/user/ban/whitelist/rollback.json",
            "/chatroom/user/block/add.json", "/chatroom/user/block/list.json", "/chatroom/user/block/rollback.json",
            "/chatroom/user/exist.json", "/chatroom/user/gag/add.json", "/chatroom/user/gag/list.json",
            "/chatroom/user/gag/rollback.json", "/chatroom/user/query.json", "/chatroom/user/whitelist/add.json",
            "/chatroom/user/whitelist/query.json", "/chatroom/user/whitelist/remove.json",
            "/chatroom/users/exist.json", "/chatroom/whitelist/add.json", "/chatroom/whitelist/delete.json",
            "/chatroom/whitelist/query.json",
            // conversation
            "/conversation/message/history/clean.json", "/conversation/notification/get.json",
            "/conversation/notification/set.json", "/conversation/top/set.json",
            // group
            "/group/ban/add.json", "/group/ban/query.json", "/group/ban/rollback.json", "/group/create.json",
            "/group/dismiss.json", "/group/join.json", "/group/quit.json", "/group/refresh.json",
            "/group/remarks/del.json", "/group/remarks/get.json", "/group/remarks/set.json", "/group/sync.json",
            "/group/user/ban/whitelist/add.json", "/group/user/ban/whitelist/query.json",
            "/group/user/ban/whitelist/rollback.json", "/group/user/gag/add.json", "/group/user/gag/list.json",
            "/group/user/gag/rollback.json",
            // message
            "/message/broadcast/recall.json", "/message/discussion/publish.json",
            "/message/expansion/delete.json", "/message/expansion/query.json", "/message/expansion/set.json",
            "/message/history.json", "/message/history/delete.json", "/message/online/broadcast.json",
            "/message/private/publish_template.json", "/message/system/publish_template.json",
            // push
            "/push/custom.json", "/push/stats.json",
            // routing
            "/routing/deadletter/query.json", "/routing/deadletter/replay.json",
            // sensitiveword
            "/sensitiveword/add.json", "/sensitiveword/batch/add.json", "/sensitiveword/batch/delete.json",
            "/sensitiveword/delete.json", "/sensitiveword/list.json",
            // wordfilter (legacy sensitive words)
            "/wordfilter/add.json", "/wordfilter/delete.json", "/wordfilter/list.json",
            // statistics
            "/statistics/query.json",
            // ultragroup
            "/ultragroup/banned/whitelist/add.json", "/ultragroup/banned/whitelist/del.json",
            "/ultragroup/banned/whitelist/get.json", "/ultragroup/channel/create.json",
            "/ultragroup/channel/del.json", "/ultragroup/channel/get.json",
            "/ultragroup/channel/private/users/add.json", "/ultragroup/channel/private/users/del.json",
            "/ultragroup/channel/private/users/get.json", "/ultragroup/channel/type/change.json",
            "/ultragroup/channel/usergroup/bind.json", "/ultragroup/channel/usergroup/unbind.json",
            "/ultragroup/create.json", "/ultragroup/dis.json", "/ultragroup/globalbanned/get.json",
            "/ultragroup/globalbanned/set.json", "/ultragroup/hismsg/msgid/query.json",
            "/ultragroup/hismsg/query.json", "/ultragroup/join.json", "/ultragroup/member/exist.json",
            "/ultragroup/message/expansion/delete.json", "/ultragroup/message/expansion/query.json",
            "/ultragroup/message/expansion/set.json", "/ultragroup/msg/get.json", "/ultragroup/msg/modify.json",
            "/ultragroup/notdisturb/get.json", "/ultragroup/notdisturb/set.json",
            "/ultragroup/push/frequency/set.json", "/ultragroup/quit.json", "/ultragroup/refresh.json",
            "/ultragroup/user/channel/query.json", "/ultragroup/user/usergroup/query.json",
            "/ultragroup/userbanned/add.json", "/ultragroup/userbanned/del.json", "/ultragroup/userbanned/get.json",
            "/ultragroup/usergroup/add.json", "/ultragroup/usergroup/channel/query.json",
            "/ultragroup/usergroup/del.json", "/ultragroup/usergroup/query.json",
            "/ultragroup/usergroup/user/add.json", "/ultragroup/usergroup/user/del.json",
            // user
            "/user/abandon.json", "/user/abandon/query.json", "/user/activate.json",
            "/user/chat/fb/querylist.json", "/user/chat/fb/set.json", "/user/deactivate.json",
            "/user/deactivate/query.json", "/user/reactivate.json", "/user/remarks/del.json",
            "/user/remarks/get.json", "/user/remarks/set.json",
            "/user/blacklist/add.json", "/user/blacklist/query.json", "/user/blacklist/remove.json",
            "/user/block.json", "/user/block/query.json", "/user/blockPushPeriod/delete.json",
            "/user/blockPushPeriod/get.json", "/user/blockPushPeriod/set.json", "/user/checkOnline.json",
            "/user/group/query.json", "/user/info.json", "/user/kick.json", "/user/refresh.json", "/user/tag/batch/set.json",
            "/user/tag/set.json", "/user/tags/get.json", "/user/token/expire.json", "/user/unblock.json",
            "/user/whitelist/add.json", "/user/whitelist/query.json", "/user/whitelist/remove.json",
            // v3
            "/v3/message/group/query.json", "/v3/message/private/query.json");

    private static final SortedMap<String, Optional<Documented>> ENDPOINTS = buildEndpoints();

    private RongCloudLimits() {
    }

    private static Map<String, Documented> buildDocumented() {
        Map<String, Documented> table = new LinkedHashMap<>();
        Duration second = Duration.ofSeconds(1);
        table.put("/user/getToken.json", new Documented(EndpointLimit.of(200, second),
                "platform-chat-api/user/register"));
        table.put("/message/private/publish.json", new Documented(EndpointLimit.of(6000, Duration.ofMinutes(1)),
                "platform-chat-api/message/send-private"));
        table.put("/statusmessage/private/publish.json", new Documented(
                EndpointLimit.of(6000, Duration.ofMinutes(1)), "platform-chat-api/message/send-status-private"));
        table.put("/message/group/publish.json", new Documented(EndpointLimit.of(20, second),
                "platform-chat-api/message/send-group"));
        table.put("/statusmessage/group/publish.json", new Documented(EndpointLimit.of(20, second),
                "platform-chat-api/message/send-status-group"));
        table.put("/message/chatroom/publish.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/message/send-chatroom"));
        table.put("/message/chatroom/broadcast.json", new Documented(EndpointLimit.of(1, second),
                "platform-chat-api/message/send-chatroom-broadcast"));
        table.put("/message/ultragroup/publish.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/message/send-ultragroup"));
        table.put("/message/system/publish.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/system/send-private"));
        EndpointLimit twiceAnHourThriceADay = EndpointLimit.of(new EndpointLimit.Window(2, Duration.ofHours(1)),
                new EndpointLimit.Window(3, Duration.ofDays(1)));
        table.put("/message/broadcast.json", new Documented(twiceAnHourThriceADay, "im/server/broadcast/"));
        table.put("/push.json", new Documented(twiceAnHourThriceADay, "platform-chat-api/system/send-push-by-tag"));
        table.put("/push/user.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/system/send-push-by-user"));
        table.put("/message/recall.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/message/msgrecall"));
        table.put("/group/user/query.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/group/query-group-member"));
        table.put("/ultragroup/channel/usergroup/query.json", new Documented(EndpointLimit.of(100, second),
                "platform-chat-api/ultragroup/usergroup/query-channel-bound-usergroup"));
        return Collections.unmodifiableMap(table);
    }

    private static SortedMap<String, Optional<Documented>> buildEndpoints() {
        SortedMap<String, Optional<Documented>> all = new TreeMap<>();
        DOCUMENTED.forEach((path, documented) -> all.put(path, Optional.of(documented)));
        for (String path : DEFAULTED) {
            if (all.put(path, Optional.empty()) != null) {
                throw new IllegalStateException(path + " is listed twice");
            }
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** Every endpoint Parley serves, sorted, with its documented limit or empty for {@link #DEFAULT}. */
    public static SortedMap<String, Optional<Documented>> endpoints() {
        return ENDPOINTS;
    }

    /** The endpoints with a documented limit of their own, in the order of the table. */
    public static Map<String, Documented> documentedLimits() {
        return DOCUMENTED;
    }

    /** The endpoints that get the default limit, sorted. */
    public static List<String> defaultedEndpoints() {
        List<String> paths = new ArrayList<>();
        ENDPOINTS.forEach((path, documented) -> {
            if (documented.isEmpty()) {
                paths.add(path);
            }
        });
        return paths;
    }

    /**
     * An endpoint's config key below {@code moderation.rate.server-api.}: the path without its leading slash and its
     * {@code .json}, slashes made dots ({@code /group/user/query.json} → {@code group.user.query}), so that its
     * environment form is {@code PARLEY_MODERATION_RATE_SERVER_API_GROUP_USER_QUERY}.
     */
    public static String configKey(String path) {
        if (!path.startsWith("/") || !path.endsWith(".json")) {
            throw new IllegalArgumentException("not a server-API path: " + path);
        }
        return path.substring(1, path.length() - ".json".length()).replace('/', '.');
    }
}
