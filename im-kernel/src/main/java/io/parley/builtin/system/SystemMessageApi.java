package io.parley.builtin.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.RegisteredUsers;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.builtin.common.ContentFields;
import io.parley.builtin.common.PublishForm;
import io.parley.builtin.common.TemplateForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * System messages and broadcasts: {@code /message/system/publish.json} (to listed users),
 * {@code /message/broadcast.json} (to every registered user, stored for those offline) and
 * {@code /message/online/broadcast.json} (to every user online on this node, not stored). All arrive in the system
 * conversation with the sending account. {@code /message/system/publish_template.json} sends a template
 * ({@link TemplateForm}) as system messages; {@code /message/broadcast/recall.json} recalls a stored broadcast by its
 * {@code messageUID} (see {@link BroadcastLog}).
 */
final class SystemMessageApi {
    /** The recall command the recall feature acts on, sent with the content {@code /message/recall.json} gives it. */
    static final String RECALL_COMMAND = "RC:RcCmd";
    private static final int MAX_RECIPIENTS = 100;
    private static final int USER_PAGE = 1000;

    private final MessagePublisher publisher;
    private final RegisteredUsers users;
    private final OnlineDirectory online;
    private final BroadcastLog broadcasts;

    SystemMessageApi(MessagePublisher publisher, RegisteredUsers users, OnlineDirectory online,
            BroadcastLog broadcasts) {
        this.publisher = publisher;
        this.users = users;
        this.online = online;
        this.broadcasts = broadcasts;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/system/publish.json", this::publish),
                new FunctionRoute("/message/broadcast.json", request -> broadcast(request, everyUser(), false)),
                new FunctionRoute("/message/online/broadcast.json",
                        request -> broadcast(request, online.onlineUserIds(), true)),
                new FunctionRoute("/message/system/publish_template.json", request -> TemplateForm
                        .parse(request, MAX_RECIPIENTS).publish(publisher, ConversationType.SYSTEM)),
                new FunctionRoute("/message/broadcast/recall.json", this::recallBroadcast));
    }

    /** Every registered user id, in id order, read page by page. */
    private List<String> everyUser() {
        List<String> all = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = users.page(after, USER_PAGE);
            all.addAll(page);
            if (page.size() < USER_PAGE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private ApiResponse publish(ApiRequest request) {
        PublishForm form = PublishForm.parse(request, false);
        List<String> recipients = request.userIds("toUserId", MAX_RECIPIENTS);
        List<Map<String, Object>> uids = new ArrayList<>();
        List<CompletionStage<Message>> sends = send(form, recipients, false);
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", recipients.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    private ApiResponse broadcast(ApiRequest request, List<String> recipients, boolean onlineOnly) {
        PublishForm form = PublishForm.parse(request, false);
        String id = null;
        long sentTime = 0;
        Map<String, String> copies = new LinkedHashMap<>();
        List<CompletionStage<Message>> sends = send(form, recipients, onlineOnly);
        for (int i = 0; i < sends.size(); i++) {
            Message copy = PublishForm.await(sends.get(i));
            if (id == null) {
                id = copy.messageUid();
                sentTime = copy.sentTime();
            }
            copies.put(recipients.get(i), copy.messageUid());
        }
        String broadcastId = id == null ? "" : id;
        if (!onlineOnly && id != null) {
            broadcasts.record(broadcastId, form.fromUserId(), sentTime, copies);
        }
        return ApiResponse.of("id", broadcastId, "messageUID", broadcastId);
    }

    /**
     * Recalls every copy of a stored broadcast: each recipient's system conversation with the sender gets the
     * {@code RC:RcCmd}, and sync and history serve the copy as its {@code RC:RcNtf} from then on, as for a recalled
     * system message. {@code fromUserId} must be the broadcast's sender unless {@code isAdmin=1} (else 20406, as
     * {@code /message/recall.json}); an unknown {@code messageUID} is 1015.
     */
    private ApiResponse recallBroadcast(ApiRequest request) {
        String from = UserId.of(request.required("fromUserId")).value();
        String uid = request.required("messageUID");
        long sentTime = request.longValue("sentTime", 0);
        boolean admin = request.bool("isAdmin", false);
        boolean delete = request.bool("isDelete", false);
        String extra = request.optional("extra").orElse("");
        String sender = broadcasts.sender(uid).orElseThrow(() -> new ImException(StandardErrorCode.NOT_FOUND,
                "no broadcast " + uid + " (only /message/broadcast.json broadcasts can be recalled)"));
        if (!admin && !sender.equals(from)) {
            throw new ImException(StandardErrorCode.MESSAGE_UNAUTHORIZED,
                    "only the sender or an admin may recall broadcast " + uid);
        }
        List<CompletionStage<Message>> recalls = new ArrayList<>();
        for (Map.Entry<String, String> copy : broadcasts.copies(uid).entrySet()) {
            recalls.add(recall(sender, copy.getKey(), copy.getValue(), sentTime, admin, delete, extra));
        }
        recalls.forEach(PublishForm::await);
        return ApiResponse.ok();
    }

    /**
     * The {@code RC:RcCmd} that recalls one copy, in {@code userId}'s system conversation with {@code sender}: the
     * content {@code /message/recall.json} sends (the recall feature acts on it), from the server API.
     */
    private CompletionStage<Message> recall(String sender, String userId, String messageUid, long sentTime,
            boolean admin, boolean delete, String extra) {
        ObjectNode content = ContentFields.mapper().createObjectNode();
        content.put("messageUId", messageUid);
        content.put("conversationType", Integer.toString(ConversationType.SYSTEM.code()));
        content.put("targetId", userId);
        content.put("sentTime", sentTime);
        content.put("isAdmin", admin ? 1 : 0);
        content.put("isDelete", delete ? 1 : 0);
        content.put("extra", extra);
        return publisher.publish(new OutgoingMessage(ConversationType.SYSTEM, sender, userId, RECALL_COMMAND,
                content.toString(), Optional.empty(), Optional.empty(), true, false, true,
                "recall:" + UUID.randomUUID(), Optional.empty()));
    }

    private List<CompletionStage<Message>> send(PublishForm form, List<String> recipients, boolean status) {
        List<CompletionStage<Message>> sends = new ArrayList<>();
        for (String to : recipients) {
            OutgoingMessage message = form.toMessage(ConversationType.SYSTEM, to, List.of());
            sends.add(status ? publisher.publishStatus(message) : publisher.publish(message));
        }
        return sends;
    }
}
