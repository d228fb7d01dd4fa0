package parleytest;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import java.util.List;
import java.util.Map;

/**
 * A plugin for the SDK and page tests only (compiled by test-support/server.js, never shipped): its command
 * {@code notice-test.notify {conversationType, targetId, name, content}} sends a notice to a conversation the caller
 * may read, through the conversation service, and answers {@code {messageUid, seq}} once it is committed.
 */
public final class NoticeTestPlugin implements ImPlugin {
    @Override
    public String name() {
        return "notice-test";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        ConversationService conversations = context.conversations();
        return new PluginInstance() {
            @Override
            public List<ClientCommand> clientCommands() {
                return List.of(new ClientCommand() {
                    @Override
                    public String name() {
                        return "notice-test.notify";
                    }

                    @Override
                    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
                        int code = ((Number) body.get("conversationType")).intValue();
                        ConversationType type = ConversationType.fromCode(code)
                                .orElseThrow(() -> ImException.invalidParameter("unknown conversation type " + code));
                        ConversationKey key = conversations.key(caller.userId(), type, (String) body.get("targetId"));
                        if (!conversations.mayRead(caller.userId(), key)) {
                            throw ImException.invalidParameter(caller.userId() + " may not read " + key);
                        }
                        // a command runs on a worker thread: it may wait for the commit
                        Message notice = conversations.notify(key, (String) body.get("name"), (String) body.get("content"))
                                .toCompletableFuture().join();
                        return Map.of("messageUid", notice.messageUid(), "seq", notice.seq());
                    }
                });
            }
        };
    }
}
