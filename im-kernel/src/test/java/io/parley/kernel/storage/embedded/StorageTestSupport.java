package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.StorageProvider;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Message builders and a minimal {@link PluginContext} for the embedded store's tests. */
final class StorageTestSupport {
    private static final AtomicLong COUNTER = new AtomicLong();

    private StorageTestSupport() {
    }

    static Message message(ConversationKey conversation, String from, String content, long sentTime) {
        String uid = "T" + COUNTER.incrementAndGet() + "-" + System.nanoTime();
        return new Message(conversation, from, conversation.id(), "RC:TxtMsg", content, Optional.empty(),
                Optional.empty(), true, true, "c-" + uid, Optional.empty(), 0, uid, sentTime);
    }

    static AppendRequest request(Message message, String... owners) {
        return new AppendRequest(message, List.of(owners), message.fromUserId() + ":" + message.clientMsgId());
    }

    static AppendResult append(StorageProvider provider, AppendRequest request) {
        try {
            return provider.messages().append(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context that lends only the root config; everything else is unsupported. */
    static PluginContext context(PluginConfig root) {
        return new PluginContext() {
            @Override
            public PluginConfig config() {
                return root;
            }

            @Override
            public PluginConfig rootConfig() {
                return root;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public ScheduledExecutorService scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PluginMetrics metrics() {
                throw new UnsupportedOperationException();
            }

            @Override
            public StorageProvider storage() {
                throw new IllegalStateException("storage is being created");
            }

            @Override
            public MessagePublisher publisher() {
                throw new UnsupportedOperationException();
            }

            @Override
            public OnlineDirectory online() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
