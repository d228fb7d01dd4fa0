package io.parley.kernel.system;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.PublishForm;
import io.parley.kernel.api.TemplateForm;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.user.UserDirectory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * System messages and broadcasts: {@code /message/system/publish.json} (to listed users),
 * {@code /message/broadcast.json} (to every registered user, stored for those offline) and
 * {@code /message/online/broadcast.json} (to every online user, not stored). All arrive in the system
 * conversation with the sending account. {@code /message/system/publish_template.json} sends a template
 * ({@link TemplateForm}) as system messages; {@code /message/broadcast/recall.json} recalls a stored broadcast by its
 * {@code messageUID} (see {@link BroadcastLog}).
 */
public final class SystemMessageApi implements KernelRoutes {
    private static final int MAX_RECIPIENTS = 100;

    private final MessagePipeline pipeline;
    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final BroadcastLog broadcasts;

    @Inject
    public SystemMessageApi(MessagePipeline pipeline, UserDirectory users, SessionRegistry sessions,
            BroadcastLog broadcasts) {
        this.pipeline = pipeline;
        this.users = users;
        this.sessions = sessions;
        this.broadcasts = broadcasts;
    }

    @Override
    public List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/message/system/publish.json", this::publish),
                new FunctionRoute("/message/broadcast.json", request -> broadcast(request, users.allUserIds(), false)),
                new FunctionRoute("/message/online/broadcast.json",
                        request -> broadcast(request, sessions.onlineUserIds(), true)),
                new FunctionRoute("/message/system/publish_template.json", request -> TemplateForm
                        .parse(request, MAX_RECIPIENTS).publish(pipeline, ConversationType.SYSTEM)),
                new FunctionRoute("/message/broadcast/recall.json", this::recallBroadcast));
    }

    private ApiResponse publish(ApiRequest request) {
        PublishForm form = PublishForm.parse(request, false);
        List<String> recipients = request.userIds("toUserId", MAX_RECIPIENTS);
        List<Map<String, Object>> uids = new ArrayList<>();
        List<CompletableFuture<CommitResult>> sends = send(form, recipients, false);
        for (int i = 0; i < sends.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", recipients.get(i));
            entry.put("messageUID", PublishForm.await(sends.get(i)).message().messageUid());
            uids.add(entry);
        }
        return ApiResponse.of("messageUIDs", uids);
    }

    private ApiResponse broadcast(ApiRequest request, List<String> recipients, boolean onlineOnly) {
        PublishForm form = PublishForm.parse(request, false);
        String id = null;
        long sentTime = 0;
        Map<String, String> copies = new LinkedHashMap<>();
        List<CompletableFuture<CommitResult>> sends = send(form, recipients, onlineOnly);
        for (int i = 0; i < sends.size(); i++) {
            Message copy = PublishForm.await(sends.get(i)).message();
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
        List<CompletableFuture<CommitResult>> recalls = new ArrayList<>();
        for (Map.Entry<String, String> copy : broadcasts.copies(uid).entrySet()) {
            recalls.add(pipeline.send(recallCommand(sender, copy.getKey(), copy.getValue(), sentTime, admin, delete,
                    extra), ""));
        }
        recalls.forEach(PublishForm::await);
        return ApiResponse.ok();
    }

    /** The {@code RC:RcCmd} that recalls one copy; the recall plugin's interceptor checks it and marks the copy. */
    private static OutgoingMessage recallCommand(String sender, String recipient, String messageUid, long sentTime,
            boolean admin, boolean delete, String extra) {
        com.fasterxml.jackson.databind.node.ObjectNode content =
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        content.put("messageUId", messageUid);
        content.put("conversationType", Integer.toString(ConversationType.SYSTEM.code()));
        content.put("targetId", recipient);
        content.put("sentTime", sentTime);
        content.put("isAdmin", admin ? 1 : 0);
        content.put("isDelete", delete ? 1 : 0);
        content.put("extra", extra);
        return new OutgoingMessage(ConversationType.SYSTEM, sender, recipient, "RC:RcCmd", content.toString(),
                Optional.empty(), Optional.empty(), true, false, true, "recall:" + java.util.UUID.randomUUID(),
                Optional.empty());
    }

    private List<CompletableFuture<CommitResult>> send(PublishForm form, List<String> recipients, boolean status) {
        List<CompletableFuture<CommitResult>> sends = new ArrayList<>();
        for (String to : recipients) {
            sends.add(pipeline.send(form.toMessage(ConversationType.SYSTEM, to, List.of()), "", status));
        }
        return sends;
    }
}
