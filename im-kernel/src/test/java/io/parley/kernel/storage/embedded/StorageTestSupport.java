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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

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

    /** Copies a directory tree; copying an open store's directory is what a kill -9 leaves behind. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** The bytes of every file under {@code dir}, as {@code du} would count them (apparent size). */
    static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            long total = 0;
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(path);
            }
            return total;
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
