package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageCapability;
import io.parley.plugin.ultragroup.Channels.ChannelInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server API's ultragroup history (RongCloud's Go-SDK endpoints): messages by UID
 * ({@code /ultragroup/msg/get.json}), a channel's messages in a time range ({@code /ultragroup/hismsg/query.json})
 * and the messages around one message ({@code /ultragroup/hismsg/msgid/query.json}). Messages are shown as a
 * reader sees them now: the latest edit, a recall as its {@code RC:RcNtf} note, nothing of a deleted channel
 * that had the same id; {@code expansion} says whether the message has expansion values, {@code extraContent}
 * holds them (a JSON string in the first two, an object in the third, as RongCloud's field types say).
 * Reads go through the storage SPI; by time with {@link StorageCapability#HISTORY_BY_TIME} when the provider
 * has it, else by scanning the channel from its floor.
 */
final class UltragroupHistoryApi {
    static final int MAX_UIDS = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 20;
    static final int MAX_AROUND = 50;
    private static final int SCAN_BATCH = 200;

    private final Ultragroups ultragroups;
    private final Set<StorageCapability> capabilities;

    UltragroupHistoryApi(Ultragroups ultragroups, Set<StorageCapability> capabilities) {
        this.ultragroups = ultragroups;
        this.capabilities = capabilities;
    }

    List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/ultragroup/msg/get.json", this::byUid),
                new FunctionRoute("/ultragroup/hismsg/query.json", this::byTime),
                new FunctionRoute("/ultragroup/hismsg/msgid/query.json", this::around));
    }

    /** {@code groupId}, {@code msgs}: a JSON array of at most 20 {@code {msgUID, busChannel}}; unknown UIDs are left out. */
    private ApiResponse byUid(ApiRequest r) {
        String groupId = r.required("groupId");
        ultragroups.directory().groups().requireGroup(groupId);
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode wanted : uids(r.required("msgs"))) {
            Target target = Target.of(groupId, wanted.path("busChannel").asText(""));
            ChannelInfo channel = ultragroups.requireChannel(groupId, target.channelId());
            ultragroups.messages().findByUid(wanted.path("msgUID").asText())
                    .filter(m -> m.conversation().equals(Ultragroups.keyOf(target)))
                    .flatMap(m -> ultragroups.presentToServer(channel, m))
                    .ifPresent(m -> data.add(item(m, target)));
        }
        return ApiResponse.of("data", data);
    }

    private static List<JsonNode> uids(String json) {
        JsonNode array;
        try {
            array = MetadataRecords.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw ImException.invalidParameter("msgs is not valid JSON: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw ImException.invalidParameter("msgs must be a JSON array of {\"msgUID\",\"busChannel\"}");
        }
        if (array.size() > MAX_UIDS) {
            throw new ImException(StandardErrorCode.QUANTITY_OVER_LIMIT,
                    "msgs names " + array.size() + " messages; at most " + MAX_UIDS);
        }
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isObject() || !node.path("msgUID").isTextual() || node.path("msgUID").asText().isEmpty()) {
                throw ImException.invalidParameter("each item of msgs needs a msgUID string: " + node);
            }
            if (node.has("busChannel") && !node.get("busChannel").isNull() && !node.get("busChannel").isTextual()) {
                throw ImException.invalidParameter("busChannel must be a string: " + node);
            }
            result.add(node);
        }
        return result;
    }

    /**
     * {@code groupId}, {@code busChannel}, {@code startTime} and {@code endTime} (ms, both included),
     * {@code fromUserId}?, {@code pageSize}? (1–100, 20): the oldest messages of the range first.
     */
    private ApiResponse byTime(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
        ultragroups.directory().groups().requireGroup(target.groupId());
        ChannelInfo channel = ultragroups.requireChannel(target.groupId(), target.channelId());
        long start = r.requiredLong("startTime");
        long end = r.requiredLong("endTime");
        if (start < 0 || end < start) {
            throw ImException.invalidParameter("startTime and endTime are epoch milliseconds, startTime <= endTime; got "
                    + start + " and " + end);
        }
        int pageSize = bounded(r, "pageSize", DEFAULT_PAGE, 1, MAX_PAGE);
        Optional<String> from = r.optional("fromUserId").map(id -> UserId.of(id).value());

        MessageStore store = ultragroups.messages();
        ConversationKey key = Ultragroups.keyOf(target);
        long after = channel.floorSeq();
        if (capabilities.contains(StorageCapability.HISTORY_BY_TIME)) {
            after = Math.max(after, store.seqAtTime(key, start) - 1);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        // sent times rise with seq within a channel, so the scan stops at the first message past endTime
        scan:
        while (data.size() < pageSize) {
            List<Message> batch = store.readConversation(key, after, SCAN_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (Message message : batch) {
                after = message.seq();
                if (message.sentTime() > end) {
                    break scan;
                }
                if (message.sentTime() < start || from.isPresent() && !from.get().equals(message.fromUserId())) {
                    continue;
                }
                ultragroups.presentToServer(channel, message).ifPresent(m -> data.add(item(m, target)));
                if (data.size() == pageSize) {
                    break scan;
                }
            }
        }
        return ApiResponse.of("data", data);
    }

    /**
     * {@code groupId}, {@code busChannel}, {@code msgUID}, {@code prevNum} and {@code lastNum} (0–50 each, 10):
     * up to {@code prevNum} messages before it, the message, and up to {@code lastNum} after it, oldest first.
     */
    private ApiResponse around(ApiRequest r) {
        Target target = Target.of(r.required("groupId"), r.optional("busChannel").orElse(""));
        int before = bounded(r, "prevNum", 10, 0, MAX_AROUND);
        int after = bounded(r, "lastNum", 10, 0, MAX_AROUND);
        Message middle = ultragroups.messageIn(target, r.required("msgUID"));
        ChannelInfo channel = ultragroups.requireChannel(target.groupId(), target.channelId());
        MessageStore store = ultragroups.messages();
        List<Message> messages = new ArrayList<>();
        if (before > 0) {
            messages.addAll(store.readConversationBefore(middle.conversation(), middle.seq(), before));
            Collections.reverse(messages);
        }
        messages.add(middle);
        if (after > 0) {
            messages.addAll(store.readConversation(middle.conversation(), middle.seq(), after));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Message message : messages) {
            ultragroups.presentToServer(channel, message).ifPresent(m -> data.add(aroundItem(m, target)));
        }
        return ApiResponse.of("data", data);
    }

    /** The item of {@code msg/get} and {@code hismsg/query}: {@code extraContent} is JSON text. */
    private Map<String, Object> item(Message message, Target target) {
        Map<String, String> expansion = ultragroups.expansions().of(message.messageUid());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("fromUserId", message.fromUserId());
        item.put("groupId", target.groupId());
        item.put("sentTime", message.sentTime());
        item.put("busChannel", target.channelId());
        item.put("msgUID", message.messageUid());
        item.put("objectName", message.objectName());
        item.put("content", message.content());
        item.put("expansion", !expansion.isEmpty());
        item.put("extraContent", MetadataRecords.write(expansion));
        return item;
    }

    /** The item of {@code hismsg/msgid/query}: {@code msgTime}, {@code conversationType}, {@code extraContent} an object. */
    private Map<String, Object> aroundItem(Message message, Target target) {
        Map<String, String> expansion = ultragroups.expansions().of(message.messageUid());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("groupId", target.groupId());
        item.put("busChannel", target.channelId());
        item.put("fromUserId", message.fromUserId());
        item.put("msgUID", message.messageUid());
        item.put("msgTime", message.sentTime());
        item.put("objectName", message.objectName());
        item.put("conversationType", ConversationType.ULTRA_GROUP.code());
        item.put("content", message.content());
        item.put("expansion", !expansion.isEmpty());
        item.put("extraContent", expansion);
        return item;
    }

    private static int bounded(ApiRequest r, String name, int defaultValue, int min, int max) {
        long value = r.longValue(name, defaultValue);
        if (value < min || value > max) {
            throw ImException.invalidParameter(name + " must be " + min + " to " + max + ", was " + value);
        }
        return (int) value;
    }
}
