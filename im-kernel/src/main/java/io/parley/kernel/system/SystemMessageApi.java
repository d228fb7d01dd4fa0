package io.parley.kernel.system;

import io.parley.api.model.ConversationType;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.api.PublishForm;
import io.parley.kernel.api.Route;
import io.parley.kernel.message.CommitResult;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.user.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * System messages and broadcasts: {@code /message/system/publish.json} (to listed users),
 * {@code /message/broadcast.json} (to every registered user, stored for those offline) and
 * {@code /message/online/broadcast.json} (to every online user, not stored). All arrive in the system
 * conversation with the sending account.
 */
public final class SystemMessageApi {
    private static final int MAX_RECIPIENTS = 100;

    private final MessagePipeline pipeline;
    private final UserDirectory users;
    private final SessionRegistry sessions;

    public SystemMessageApi(MessagePipeline pipeline, UserDirectory users, SessionRegistry sessions) {
        this.pipeline = pipeline;
        this.users = users;
        this.sessions = sessions;
    }

    public List<ServerApiRoute> routes() {
        return List.of(new Route("/message/system/publish.json", this::publish),
                new Route("/message/broadcast.json", request -> broadcast(request, users.allUserIds(), false)),
                new Route("/message/online/broadcast.json",
                        request -> broadcast(request, sessions.onlineUserIds(), true)));
    }

    private ApiResponse publish(ApiRequest request) {
        PublishForm form = PublishForm.parse(request, false);
        List<String> recipients = PublishForm.userIds(request, "toUserId", MAX_RECIPIENTS);
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
        for (CompletableFuture<CommitResult> send : send(form, recipients, onlineOnly)) {
            String uid = PublishForm.await(send).message().messageUid();
            id = id == null ? uid : id;
        }
        String broadcastId = id == null ? "" : id;
        return ApiResponse.of("id", broadcastId, "messageUID", broadcastId);
    }

    private List<CompletableFuture<CommitResult>> send(PublishForm form, List<String> recipients, boolean status) {
        List<CompletableFuture<CommitResult>> sends = new ArrayList<>();
        for (String to : recipients) {
            sends.add(pipeline.send(form.toMessage(ConversationType.SYSTEM, to, List.of()), "", status));
        }
        return sends;
    }
}
