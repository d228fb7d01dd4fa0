package io.parley.plugin.push.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.plugin.push.config.PushConfig;
import io.parley.plugin.push.device.DeviceToken;
import io.parley.plugin.push.device.DeviceTokenStore;
import io.parley.plugin.push.dispatch.PushJob;
import io.parley.plugin.push.dispatch.PushQueue;
import io.parley.plugin.push.dispatch.PushStats;
import io.parley.plugin.push.spi.PushNotification;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Push without a message: {@code /push.json} and {@code /push/custom.json} (by tags, by user ids or to
 * everyone, per platform), {@code /push/user.json} (to listed users), and {@code /push/stats.json} (what became
 * of a push, by the id those answered). A push to everyone walks the device tokens page by page.
 */
public final class PushApi {
    private static final int MAX_USER_IDS = 1000;
    private static final int USER_PAGE = 500;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Set<String> ANDROID = Set.of("fcm", "huawei", "honor", "xiaomi", "oppo", "vivo", "meizu");

    private final DeviceTokenStore tokens;
    private final UserTagStore tags;
    private final PushQueue queue;
    private final PushStats stats;
    private final PushConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PushApi(DeviceTokenStore tokens, UserTagStore tags, PushQueue queue, PushStats stats, PushConfig config,
            Clock clock) {
        this.tokens = tokens;
        this.tags = tags;
        this.queue = queue;
        this.stats = stats;
        this.config = config;
        this.clock = clock;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/push.json", request -> broadcast(request, true)),
                new FunctionRoute("/push/custom.json", request -> broadcast(request, false)),
                new FunctionRoute("/push/user.json", this::toUsers),
                new FunctionRoute("/push/stats.json", this::stats));
    }

    private ApiResponse broadcast(ApiRequest request, boolean messageAllowed) {
        JsonNode body = Routes.jsonBody(request);
        if (messageAllowed && body.has("message") && !body.path("message").isNull()) {
            throw ImException.invalidParameter("/push.json with a message is not supported; publish the message"
                    + " (with disablePush) and push with /push/custom.json");
        }
        Set<String> platforms = new HashSet<>();
        body.path("platform").forEach(platform -> platforms.add(platform.asText().toLowerCase(java.util.Locale.ROOT)));
        if (platforms.isEmpty() || !Set.of("ios", "android").containsAll(platforms)) {
            throw ImException.invalidParameter("platform must list ios and/or android");
        }
        JsonNode notification = requireNotification(body);
        JsonNode audience = body.path("audience");
        String packageName = audience.path("packageName").asText("");
        String pushId = newPushId();
        stats.queued(pushId, 0, clock.millis());
        Consumer<List<DeviceToken>> send = page -> enqueue(pushId, notification, page.stream()
                .filter(token -> platforms.contains(platformOf(token.vendor())))
                .filter(token -> packageName.isEmpty() || packageName.equals(token.appId())).toList());
        if (audience.path("is_to_all").asBoolean(false)) {
            tokens.forEachPage(send);
        } else {
            Set<String> users = audienceUsers(audience);
            pageThroughUsers(users, send);
        }
        return ApiResponse.of("id", pushId);
    }

    private ApiResponse toUsers(ApiRequest request) {
        JsonNode body = Routes.jsonBody(request);
        Set<String> users = new LinkedHashSet<>();
        body.path("userIds").forEach(user -> users.add(UserId.of(user.asText()).value()));
        if (users.isEmpty() || users.size() > MAX_USER_IDS) {
            throw ImException.invalidParameter("userIds must list 1 to " + MAX_USER_IDS + " users");
        }
        JsonNode notification = requireNotification(body);
        String pushId = newPushId();
        stats.queued(pushId, 0, clock.millis());
        pageThroughUsers(users, page -> enqueue(pushId, notification, page));
        return ApiResponse.of("id", pushId);
    }

    private ApiResponse stats(ApiRequest request) {
        String id = request.required("id");
        PushStats.Counts counts = stats.get(id)
                .orElseThrow(() -> new ImException(StandardErrorCode.NOT_FOUND, "no push with id " + id));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("targets", counts.targets());
        fields.put("delivered", counts.delivered());
        fields.put("failed", counts.failed());
        fields.put("pending", counts.pending());
        fields.put("tokensRemoved", counts.tokensRemoved());
        return new ApiResponse(fields);
    }

    private Set<String> audienceUsers(JsonNode audience) {
        Set<String> users = new LinkedHashSet<>();
        audience.path("userid").forEach(user -> users.add(UserId.of(user.asText()).value()));
        List<String> allTags = texts(audience.path("tag"));
        if (!allTags.isEmpty()) {
            Set<String> tagged = new LinkedHashSet<>(tags.members(allTags.get(0)));
            for (String tag : allTags.subList(1, allTags.size())) {
                tagged.retainAll(new HashSet<>(tags.members(tag)));
            }
            users.addAll(tagged);
        }
        texts(audience.path("tag_or")).forEach(tag -> users.addAll(tags.members(tag)));
        if (users.isEmpty() && audience.path("userid").isEmpty() && allTags.isEmpty()
                && audience.path("tag_or").isEmpty()) {
            throw ImException.invalidParameter("audience needs tag, tag_or, userid or is_to_all");
        }
        return users;
    }

    private void pageThroughUsers(Set<String> users, Consumer<List<DeviceToken>> send) {
        List<DeviceToken> page = new ArrayList<>();
        int count = 0;
        for (String user : users) {
            page.addAll(tokens.tokens(user));
            if (++count % USER_PAGE == 0) {
                send.accept(page);
                page = new ArrayList<>();
            }
        }
        send.accept(page);
    }

    private void enqueue(String pushId, JsonNode notification, List<DeviceToken> devices) {
        Map<String, List<DeviceToken>> byVendor = devices.stream()
                .filter(device -> config.vendors().contains(device.vendor()))
                .collect(Collectors.groupingBy(DeviceToken::vendor, LinkedHashMap::new, Collectors.toList()));
        byVendor.forEach((vendor, vendorDevices) -> queue.enqueue(vendor, render(pushId, notification, vendor),
                vendorDevices.stream().map(device -> new PushJob.Recipient(device.userId(), device.token(),
                        device.appId(), device.sandbox())).toList(), config.ttl()));
    }

    /** The notification for one vendor: the platform object's fields win over the common ones. */
    private PushNotification render(String pushId, JsonNode notification, String vendor) {
        JsonNode platform = notification.path(platformOf(vendor));
        String title = text(platform, "title", text(notification, "title", ""));
        String body = text(platform, "alert", text(notification, "alert", text(notification, "pushContent", "")));
        Map<String, String> data = new LinkedHashMap<>();
        platform.path("extras").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        data.put("pushId", pushId);
        int badge = platform.path("badge").isNumber() ? platform.path("badge").asInt() : -1;
        return new PushNotification(pushId, title, body, badge, data, config.ttl().toSeconds(),
                text(platform, "apns-collapse-id", ""));
    }

    private static JsonNode requireNotification(JsonNode body) {
        JsonNode notification = body.path("notification");
        if (!notification.isObject()) {
            throw ImException.invalidParameter("notification is required");
        }
        boolean hasText = !text(notification, "alert", "").isEmpty() || !text(notification, "pushContent", "").isEmpty()
                || !text(notification.path("ios"), "alert", "").isEmpty()
                || !text(notification.path("android"), "alert", "").isEmpty();
        if (!hasText) {
            throw ImException.invalidParameter("notification needs an alert (or pushContent)");
        }
        return notification;
    }

    private static String platformOf(String vendor) {
        return ANDROID.contains(vendor) ? "android" : "ios";
    }

    private static String text(JsonNode node, String field, String otherwise) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? otherwise : value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private String newPushId() {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
