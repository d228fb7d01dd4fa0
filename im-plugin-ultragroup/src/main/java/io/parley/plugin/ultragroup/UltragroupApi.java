package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.PluginContext;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import io.parley.plugin.ultragroup.GroupMembers.GroupInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The {@code /ultragroup/...} server API and {@code /message/ultragroup/publish.json}, with RongCloud's
 * parameters and field types (see {@code docs/plugins/ultragroup.md}). Recall ({@code /message/recall.json}
 * with {@code busChannel}) and expansion ({@code /ultragroup/message/expansion/*}) are the kernel's.
 */
final class UltragroupApi {
    private final Ultragroups ultragroups;
    private final Directory directory;
    private final PluginContext context;

    UltragroupApi(Ultragroups ultragroups, PluginContext context) {
        this.ultragroups = ultragroups;
        this.directory = ultragroups.directory();
        this.context = context;
    }

    List<ServerApiRoute> routes() {
        List<ServerApiRoute> routes = new ArrayList<>();
        add(routes, "/ultragroup/create.json", r -> {
            ultragroups.create(r.required("groupId"), user(r, "userId"), r.optional("groupName").orElse(""));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/dis.json", r -> {
            ultragroups.dismiss(r.required("groupId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/join.json", r -> {
            ultragroups.join(r.required("groupId"), user(r, "userId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/quit.json", r -> {
            ultragroups.quit(r.required("groupId"), user(r, "userId"));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/refresh.json", r -> {
            String groupId = r.required("groupId");
            GroupInfo info = directory.groups().requireGroup(groupId);
            directory.groups().putGroup(groupId, new GroupInfo(r.optional("groupName").orElse(info.name()), info.owner(),
                    info.createTime(), info.pushIntervalMillis()));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/member/exist.json", r -> {
            String groupId = r.required("groupId");
            directory.groups().requireGroup(groupId);
            return ApiResponse.of("status", directory.groups().isMember(groupId, user(r, "userId")));
        });
        // Parley's own: the push frequency of one ultragroup, in seconds (-1: the plugin's default)
        add(routes, "/ultragroup/push/frequency/set.json", r -> {
            String groupId = r.required("groupId");
            GroupInfo info = directory.groups().requireGroup(groupId);
            long seconds = r.requiredLong("interval");
            directory.groups().putGroup(groupId, new GroupInfo(info.name(), info.owner(), info.createTime(),
                    seconds < 0 ? -1 : seconds * 1000));
            return ApiResponse.ok();
        });
        channelRoutes(routes);
        userGroupRoutes(routes);
        moderationRoutes(routes);
        add(routes, "/ultragroup/msg/modify.json", r -> {
            Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
            ultragroups.modify(user(r, "fromUserId"), target, r.required("msgUID"), r.required("content"), true);
            return ApiResponse.ok();
        });
        add(routes, "/message/ultragroup/publish.json", this::publish);
        return routes;
    }

    private void channelRoutes(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/channel/create.json", r -> {
            ultragroups.createChannel(r.required("groupId"), r.required("busChannel"), (int) r.longValue("type", 0));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/del.json", r -> {
            Target target = channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            directory.deleteChannel(target.groupId(), target.channelId());
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/get.json", r -> {
            String groupId = r.required("groupId");
            directory.groups().requireGroup(groupId);
            List<Map<String, Object>> list = new ArrayList<>();
            directory.channels().channels(groupId).forEach((id, info) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("channelId", id);
                item.put("type", info.type());
                item.put("createTime", Long.toString(info.createTime()));
                list.add(item);
            });
            int size = (int) r.optional("size").or(() -> r.optional("limit")).map(Long::parseLong).orElse(20L).longValue();
            return ApiResponse.of("channelList", page(list, (int) r.longValue("page", 1), size));
        });
        add(routes, "/ultragroup/channel/type/change.json", r -> {
            Target target = channel(r);
            ChannelInfo info = ultragroups.requireChannel(target.groupId(), target.channelId());
            directory.channels().putChannel(target.groupId(), target.channelId(),
                    info.withType(Ultragroups.checkType((int) r.requiredLong("type"))));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/channel/private/users/add.json", r -> privateUsers(r, true));
        add(routes, "/ultragroup/channel/private/users/del.json", r -> privateUsers(r, false));
        add(routes, "/ultragroup/channel/private/users/get.json", r -> {
            Target target = channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            return ApiResponse.of("users", page(directory.channels().privateUsers(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
        });
    }

    private ApiResponse privateUsers(ApiRequest r, boolean add) {
        Target target = channel(r);
        ultragroups.requireChannel(target.groupId(), target.channelId());
        for (String user : users(r)) {
            directory.channels().setPrivateUser(target.groupId(), target.channelId(), user, add);
        }
        return ApiResponse.ok();
    }

    private void userGroupRoutes(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/usergroup/add.json", r -> {
            JsonNode body = json(r);
            String groupId = text(body, r, "groupId");
            directory.groups().requireGroup(groupId);
            List<String> ids = new ArrayList<>();
            if (body != null) {
                body.path("userGroups").forEach(node -> ids.add(node.path("userGroupId").asText("")));
            }
            for (String id : ids) {
                directory.userGroups().addUserGroup(groupId, Target.checkGroupId(id));
            }
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/usergroup/del.json", r -> {
            String groupId = group(r);
            for (String id : r.list("userGroupIds")) {
                directory.userGroups().deleteUserGroup(groupId, id);
            }
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/usergroup/query.json", r -> {
            List<Map<String, Object>> list = new ArrayList<>();
            directory.userGroups().userGroups(group(r)).forEach(id -> list.add(Map.of("userGroupId", id)));
            return ApiResponse.of("userGroups", page(list, (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
        });
        add(routes, "/ultragroup/usergroup/user/add.json", r -> userGroupMembers(r, true));
        add(routes, "/ultragroup/usergroup/user/del.json", r -> userGroupMembers(r, false));
        add(routes, "/ultragroup/user/usergroup/query.json", r -> data(r,
                directory.userGroups().userGroupsOf(group(r), user(r, "userId"))));
        add(routes, "/ultragroup/channel/usergroup/bind.json", r -> bind(r, true));
        add(routes, "/ultragroup/channel/usergroup/unbind.json", r -> bind(r, false));
        add(routes, "/ultragroup/channel/usergroup/query.json", r -> {
            Target target = channel(r);
            ultragroups.requireChannel(target.groupId(), target.channelId());
            return data(r, directory.userGroups().userGroupsOfChannel(target.groupId(), target.channelId()));
        });
        add(routes, "/ultragroup/usergroup/channel/query.json", r -> {
            String groupId = group(r);
            String userGroupId = r.required("userGroupId");
            directory.userGroups().requireUserGroup(groupId, userGroupId);
            return data(r, directory.userGroups().channelsOfUserGroup(groupId, userGroupId));
        });
        add(routes, "/ultragroup/user/channel/query.json", r -> {
            String groupId = group(r);
            String userId = user(r, "userId");
            List<String> channels = new ArrayList<>();
            directory.channels().channels(groupId).forEach((id, info) -> {
                if (info.type() == 1 && directory.channels().mayAccess(groupId, id, userId, info)) {
                    channels.add(id);
                }
            });
            return data(r, channels);
        });
    }

    private ApiResponse userGroupMembers(ApiRequest r, boolean add) {
        String groupId = group(r);
        String userGroupId = r.required("userGroupId");
        directory.userGroups().requireUserGroup(groupId, userGroupId);
        for (String user : users(r)) {
            if (add) {
                if (!directory.groups().isMember(groupId, user)) {
                    throw new ImException(UltragroupErrorCode.NOT_MEMBER, user + " is not a member of " + groupId);
                }
                directory.userGroups().addUserGroupMember(groupId, userGroupId, user);
            } else {
                directory.userGroups().removeUserGroupMember(groupId, userGroupId, user);
            }
        }
        return ApiResponse.ok();
    }

    private ApiResponse bind(ApiRequest r, boolean on) {
        Target target = channel(r);
        ultragroups.requireChannel(target.groupId(), target.channelId());
        for (String id : r.list("userGroupIds")) {
            directory.userGroups().requireUserGroup(target.groupId(), id);
            directory.userGroups().bind(target.groupId(), target.channelId(), id, on);
        }
        return ApiResponse.ok();
    }

    private void moderationRoutes(List<ServerApiRoute> routes) {
        add(routes, "/ultragroup/userbanned/add.json", r -> banned(r, true));
        add(routes, "/ultragroup/userbanned/del.json", r -> banned(r, false));
        add(routes, "/ultragroup/userbanned/get.json", r -> {
            Target target = optionalChannel(r);
            return ApiResponse.of("users", ids(page(directory.mutes().banned(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50))));
        });
        add(routes, "/ultragroup/globalbanned/set.json", r -> {
            Target target = optionalChannel(r);
            directory.mutes().setAllBanned(target.groupId(), target.channelId(), r.bool("status", false));
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/globalbanned/get.json", r -> {
            Target target = optionalChannel(r);
            return ApiResponse.of("status", directory.mutes().allBanned(target.groupId(), target.channelId()));
        });
        add(routes, "/ultragroup/banned/whitelist/add.json", r -> whitelist(r, true));
        add(routes, "/ultragroup/banned/whitelist/del.json", r -> whitelist(r, false));
        add(routes, "/ultragroup/banned/whitelist/get.json", r -> {
            Target target = optionalChannel(r);
            return ApiResponse.of("users", ids(page(directory.mutes().whitelist(target.groupId(), target.channelId()),
                    (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50))));
        });
        add(routes, "/ultragroup/notdisturb/set.json", r -> {
            Target target = optionalChannel(r);
            int level = (int) r.requiredLong("unpushLevel");
            if (!List.of(-1, 0, 1, 2, 4, 5).contains(level)) {
                throw ImException.invalidParameter("unpushLevel must be -1, 0, 1, 2, 4 or 5");
            }
            directory.levels().setGroupLevel(target.groupId(), target.channelId(), level);
            return ApiResponse.ok();
        });
        add(routes, "/ultragroup/notdisturb/get.json", r -> {
            Target target = optionalChannel(r);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("groupId", target.groupId());
            fields.put("busChannel", target.channelId());
            fields.put("unpushLevel", directory.levels().groupLevel(target.groupId(), target.channelId()).orElse(0));
            return new ApiResponse(fields);
        });
    }

    private ApiResponse banned(ApiRequest r, boolean on) {
        Target target = optionalChannel(r);
        for (String user : users(r)) {
            directory.mutes().setBanned(target.groupId(), target.channelId(), user, on);
        }
        return ApiResponse.ok();
    }

    private ApiResponse whitelist(ApiRequest r, boolean on) {
        Target target = optionalChannel(r);
        for (String user : users(r)) {
            directory.mutes().setWhitelisted(target.groupId(), target.channelId(), user, on);
        }
        return ApiResponse.ok();
    }

    /** {@code /message/ultragroup/publish.json}: JSON (as the SDKs send it) or a form; up to 3 groups. */
    private ApiResponse publish(ApiRequest r) {
        JsonNode body = json(r);
        String from = UserId.of(text(body, r, "fromUserId")).value();
        List<String> groups = new ArrayList<>();
        if (body != null && body.has("toGroupIds")) {
            body.path("toGroupIds").forEach(node -> groups.add(node.asText()));
        } else {
            groups.addAll(r.list("toGroupIds"));
        }
        if (groups.isEmpty() || groups.size() > 3) {
            throw ImException.invalidParameter("toGroupIds must name 1 to 3 ultragroups");
        }
        String objectName = text(body, r, "objectName");
        String content = text(body, r, "content");
        String channel = optionalText(body, r, "busChannel").orElse("");
        Optional<String> pushContent = optionalText(body, r, "pushContent");
        Optional<String> pushData = optionalText(body, r, "pushData");
        boolean persisted = flag(body, r, "isPersisted", true);
        boolean counted = flag(body, r, "isCounted", true);
        boolean disablePush = flag(body, r, "disablePush", false);
        String random = optionalText(body, r, "msgRandom").orElseGet(() -> UUID.randomUUID().toString());
        List<Map<String, Object>> uids = new ArrayList<>();
        for (String groupId : groups) {
            Target target = Target.of(groupId, channel);
            Message sent = await(context.publisher().publish(new OutgoingMessage(ConversationType.ULTRA_GROUP, from,
                    target.asTargetId(), objectName, content, pushContent, pushData, persisted, counted, false,
                    "api:" + groupId + ":" + random, Optional.empty()).withDisablePush(disablePush)));
            uids.add(Map.of("groupId", groupId, "messageUID", sent.messageUid()));
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    static Message await(java.util.concurrent.CompletionStage<Message> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImException ie) {
                throw ie;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the message was not committed in time", e);
        }
    }

    // parameters

    private static void add(List<ServerApiRoute> routes, String path, Function<ApiRequest, ApiResponse> handler) {
        routes.add(new FunctionRoute(path, handler));
    }

    private static String user(ApiRequest r, String name) {
        return UserId.of(r.required(name)).value();
    }

    private static List<String> users(ApiRequest r) {
        List<String> users = r.list("userIds");
        if (users.isEmpty()) {
            throw ImException.invalidParameter("userIds is required");
        }
        return users.stream().map(id -> UserId.of(id).value()).toList();
    }

    private String group(ApiRequest r) {
        String groupId = r.required("groupId");
        directory.groups().requireGroup(groupId);
        return groupId;
    }

    private Target channel(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.required("busChannel"));
        directory.groups().requireGroup(target.groupId());
        return target;
    }

    private Target optionalChannel(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
        directory.groups().requireGroup(target.groupId());
        if (!target.isDefault()) {
            ultragroups.requireChannel(target.groupId(), target.channelId());
        }
        return target;
    }

    private static ApiResponse data(ApiRequest r, List<String> items) {
        return ApiResponse.of("data", page(items, (int) r.longValue("page", 1), (int) r.longValue("pageSize", 50)));
    }

    private static List<Map<String, Object>> ids(List<String> users) {
        return users.stream().map(id -> Map.<String, Object>of("id", id)).toList();
    }

    static <T> List<T> page(List<T> items, int page, int size) {
        int pageSize = Math.max(1, Math.min(size <= 0 ? 50 : size, 1000));
        int from = Math.max(0, (Math.max(page, 1) - 1) * pageSize);
        return from >= items.size() ? List.of() : items.subList(from, Math.min(items.size(), from + pageSize));
    }

    private static JsonNode json(ApiRequest r) {
        if (r.jsonBody().isEmpty()) {
            return null;
        }
        try {
            return MetadataRecords.JSON.readTree(r.jsonBody().get());
        } catch (IOException e) {
            throw ImException.invalidParameter("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static Optional<String> optionalText(JsonNode body, ApiRequest r, String name) {
        if (body != null) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            String value = node.isTextual() ? node.asText() : node.toString();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        return r.optional(name);
    }

    private static String text(JsonNode body, ApiRequest r, String name) {
        return optionalText(body, r, name).orElseThrow(() -> ImException.invalidParameter(name + " is required"));
    }

    private static boolean flag(JsonNode body, ApiRequest r, String name, boolean defaultValue) {
        return optionalText(body, r, name).map(v -> switch (v.trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw ImException.invalidParameter(name + " must be 0 or 1");
        }).orElse(defaultValue);
    }
}
