package io.parley.builtin.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.UserId;
import io.parley.api.plugin.ConversationService;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.MessageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The history endpoints of the server API (RongCloud §6.9): {@code /message/history.json} (a signed link to
 * an hour's file), {@code /message/history/delete.json}, {@code /conversation/message/history/clean.json},
 * {@code /v3/message/private/query.json} and {@code /v3/message/group/query.json}. Routes run on server-API
 * worker threads and block on storage.
 */
final class HistoryApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 100;

    private final MessageStore store;
    private final HourlyArchive archive;
    private final HistoryDownloads downloads;
    private final Supplier<String> baseUrl;
    private final ConversationService conversations;

    /**
     * @param baseUrl scheme, host and port of the HTTP port, read when a link is made
     * @param conversations the storage keys of conversations, as their users name them
     */
    HistoryApi(MessageStore store, HourlyArchive archive, HistoryDownloads downloads, Supplier<String> baseUrl,
            ConversationService conversations) {
        this.store = store;
        this.archive = archive;
        this.downloads = downloads;
        this.baseUrl = baseUrl;
        this.conversations = conversations;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/history.json", this::hourlyFile),
                new FunctionRoute("/message/history/delete.json", this::deleteHourlyFile),
                new FunctionRoute("/conversation/message/history/clean.json", this::clean),
                new FunctionRoute("/v3/message/private/query.json", request -> query(request, ConversationType.PRIVATE)),
                new FunctionRoute("/v3/message/group/query.json", request -> query(request, ConversationType.GROUP)));
    }

    private ApiResponse hourlyFile(ApiRequest request) {
        String date = request.required("date");
        String url = archive.fileFor(date).map(file -> downloads.link(baseUrl.get(), file)).orElse("");
        return ApiResponse.of("url", url, "date", date);
    }

    private ApiResponse deleteHourlyFile(ApiRequest request) {
        archive.delete(request.required("date"));
        return ApiResponse.ok();
    }

    private ApiResponse clean(ApiRequest request) {
        int code = (int) request.requiredLong("conversationType");
        ConversationType type = ConversationType.fromCode(code)
                .orElseThrow(() -> ImException.invalidParameter("unknown conversationType " + code));
        String from = UserId.of(request.required("fromUserId")).value();
        String target = request.required("targetId");
        ConversationKey key = conversations.key(from, type, target);
        long upTo = request.longValue("msgTimestamp", 0);
        store.cleanHistory(key, upTo <= 0 ? Long.MAX_VALUE : upTo);
        return ApiResponse.ok();
    }

    /** Messages of one conversation in {@code [startTime, endTime]} (start excluded unless includeStart), oldest first. */
    private ApiResponse query(ApiRequest request, ConversationType type) {
        JsonNode body = body(request);
        String userId = UserId.of(text(body, "userId")).value();
        String targetId = text(body, "targetId");
        long start = body.path("startTime").asLong(0);
        long end = body.path("endTime").asLong(Long.MAX_VALUE - 1);
        int pageSize = body.path("pageSize").asInt(DEFAULT_PAGE);
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw ImException.invalidParameter("pageSize must be 1 to " + MAX_PAGE);
        }
        boolean includeStart = body.path("includeStart").asBoolean(true);
        ConversationKey key = type == ConversationType.PRIVATE ? ConversationKey.privateChat(userId, targetId)
                : new ConversationKey(type, targetId);
        long fromSeq = store.seqAtTime(key, includeStart ? start : start + 1);
        long toSeq = store.seqAtTime(key, end + 1);
        List<Map<String, Object>> data = new ArrayList<>();
        if (toSeq > fromSeq) {
            for (Message message : store.readConversation(key, fromSeq - 1, (int) Math.min(pageSize, toSeq - fromSeq))) {
                if (message.seq() < toSeq) {
                    data.add(item(message, userId));
                }
            }
        }
        return ApiResponse.of("data", data);
    }

    private static Map<String, Object> item(Message message, String userId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("targetId", message.targetFor(userId));
        item.put("fromUserId", message.fromUserId());
        item.put("busChannel", "");
        item.put("messageUID", message.messageUid());
        item.put("msgTime", message.sentTime());
        item.put("objectName", message.objectName());
        item.put("content", message.content());
        item.put("expansion", false);
        item.put("extraContent", "");
        return item;
    }

    private static JsonNode body(ApiRequest request) {
        String json = request.jsonBody().orElseThrow(
                () -> new ImException(StandardErrorCode.NO_POST_DATA, "a JSON body is required"));
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw ImException.invalidParameter("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ImException.invalidParameter("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw ImException.invalidParameter(field + " is required");
        }
        return value;
    }
}
