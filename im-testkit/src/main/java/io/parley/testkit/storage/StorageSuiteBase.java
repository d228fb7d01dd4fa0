package io.parley.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the storage compliance suites share: a fresh directory and an open provider per test, and builders
 * for messages and appends. A provider's test class says how to open the provider on a directory; opening the
 * same directory again must give back the same data when the provider declares {@code PERSISTENT}.
 */
public abstract class StorageSuiteBase {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UIDS = new AtomicLong();

    @TempDir
    protected Path dir;

    protected StorageProvider provider;

    /** Opens the provider under test on {@code dir}; the same {@code dir} reopens the same data if persistent. */
    protected abstract StorageProvider openProvider(Path dir);

    @BeforeEach
    void openStore() {
        provider = openProvider(dir);
    }

    @AfterEach
    void closeStore() {
        if (provider != null) {
            provider.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    protected static Message message(ConversationKey conversation, String from, long sentTime) {
        String uid = "UID-" + UIDS.incrementAndGet() + "-" + System.nanoTime();
        return new Message(conversation, from, conversation.id(), "RC:TxtMsg", "{\"content\":\"hello " + uid + "\"}",
                Optional.empty(), Optional.of("data"), true, true, "c-" + uid, Optional.empty(), 0, uid, sentTime);
    }

    protected static AppendRequest request(Message message, List<String> owners) {
        return new AppendRequest(message, owners, message.fromUserId() + ":" + message.clientMsgId());
    }

    protected static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected AppendResult send(ConversationKey conversation, String from, long sentTime, String... owners) {
        return join(messages().append(request(message(conversation, from, sentTime), List.of(owners))));
    }

    protected MessageStore messages() {
        return provider.messages();
    }

    protected List<InboxEntry> readWholeInbox(String user, int pageSize, long notBefore) {
        List<InboxEntry> all = new ArrayList<>();
        long cursor = 0;
        for (int pages = 0; pages < 100_000; pages++) {
            InboxPage page = messages().readInbox(user, cursor, pageSize, notBefore);
            assertThat(page.nextCursor()).isGreaterThanOrEqualTo(cursor);
            all.addAll(page.entries());
            cursor = page.nextCursor();
            if (page.finished()) {
                return all;
            }
        }
        throw new AssertionError("inbox of " + user + " never finished");
    }

    protected static ConversationKey group(String id) {
        return new ConversationKey(ConversationType.GROUP, id);
    }

}
