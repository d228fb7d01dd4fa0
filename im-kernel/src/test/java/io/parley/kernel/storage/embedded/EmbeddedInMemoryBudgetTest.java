package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Durability {@code memory}: the engine keeps its log in memory, within {@code memory-max-bytes}. Past it, an append is
 * refused at once with {@code SERVER_BUSY} (nothing stored, nothing lost), instead of the heap filling up; retention
 * that frees whole segments makes room again.
 */
class EmbeddedInMemoryBudgetTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");

    @Test
    void aFullStoreRefusesAppendsAsBusyUntilRetentionFreesRoom() {
        EmbeddedStorageConfig config = new EmbeddedStorageConfig(Path.of("unused"), Durability.MEMORY, 16 * 1024,
                Duration.ofSeconds(10), 64, 1000, 1 << 20, 64 * 1024, Duration.ZERO);
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            assertThat(provider.capabilities()).doesNotContain(StorageCapability.PERSISTENT,
                    StorageCapability.DURABLE_BEFORE_ACK);
            assertThat(provider.busy()).isFalse();
            int stored = 0;
            ImException refusal = null;
            for (int i = 0; i < 10_000 && refusal == null; i++) {
                try {
                    AppendResult result = provider.messages().append(request(message(CHAT, "ann", "x".repeat(400),
                            1000 + i), "ann", "ben")).toCompletableFuture().join();
                    assertThat(result.message().seq()).isEqualTo(stored + 1);
                    stored++;
                } catch (CompletionException e) {
                    refusal = (ImException) e.getCause();
                }
            }
            assertThat(refusal).as("refused once the budget was spent").isNotNull();
            assertThat(refusal.errorCode()).isEqualTo(StandardErrorCode.SERVER_BUSY);
            assertThat(provider.busy()).as("readiness reports the full store").isTrue();
            assertThat(stored).as("about the budget's worth of ~450-byte records").isBetween(100, 200);
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(stored);
            assertThat(provider.messages().readConversation(CHAT, 0, 1000)).hasSize(stored);

            provider.messages().expire(new RetentionCutoffs(Map.of(), Map.of(ConversationType.PRIVATE,
                    1000L + stored - 5)));
            AppendResult after = provider.messages().append(request(message(CHAT, "ann", "room again", 9_000_000),
                    "ann", "ben")).toCompletableFuture().join();
            assertThat(after.message().seq()).as("seqs go on after the freed ones").isEqualTo(stored + 1);
        }
    }
}
