package io.parley.kernel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The memory provider refuses appends with SERVER_BUSY once its budget is spent, and takes them again after a delete. */
class MemoryStorageBudgetTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");

    private static AppendRequest request(int i) {
        Message message = new Message(CHAT, "ann", "ben", "RC:TxtMsg", "x".repeat(1000), Optional.empty(),
                Optional.empty(), true, true, "c" + i, Optional.empty(), 0, "U" + i, 1000 + i);
        return new AppendRequest(message, List.of("ann", "ben"), "ann:c" + i);
    }

    @Test
    void aFullMemoryStoreRefusesAsBusyAndDeletesMakeRoom() {
        MemoryStorageProvider provider = new MemoryStorageProvider(100_000);
        assertThat(provider.busy()).isFalse();
        int stored = 0;
        ImException refusal = null;
        while (refusal == null && stored < 1000) {
            try {
                AppendResult result = provider.messages().append(request(stored)).toCompletableFuture().join();
                assertThat(result.message().seq()).isEqualTo(stored + 1);
                stored++;
            } catch (CompletionException e) {
                refusal = (ImException) e.getCause();
            }
        }
        assertThat(refusal).isNotNull();
        assertThat(refusal.errorCode()).isEqualTo(StandardErrorCode.SERVER_BUSY);
        assertThat(provider.busy()).as("readiness reports the full store").isTrue();
        assertThat(stored).as("about 100 KB of ~2.8 KB messages").isBetween(20, 60);
        assertThat(provider.messages().readConversation(CHAT, 0, 1000)).hasSize(stored);

        assertThat(provider.messages().deleteMessage("U0")).isTrue();
        AppendResult after = provider.messages().append(request(stored)).toCompletableFuture().join();
        assertThat(after.message().seq()).isEqualTo(stored + 1);
        provider.close();
    }
}
