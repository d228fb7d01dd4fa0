package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL refuses some text the other stores take (a NUL character, U+0000). Such a message, committed in
 * the same batch as good ones, fails alone with INVALID_MESSAGE; the others commit with gapless seqs, and the
 * store goes on working.
 */
class BadInputTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");

    @RegisterExtension
    final ProviderPerTest store = new ProviderPerTest("badinput");

    @Test
    void aMessagePostgresCannotStoreFailsAloneAndTheRestCommit() {
        List<CompletableFuture<AppendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String content = i == 17 ? "{\"content\":\"nul \u0000 here\"}" : "{\"content\":\"#" + i + "\"}";
            sends.add(append(i, content));
        }
        List<AppendResult> committed = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            if (i == 17) {
                CompletableFuture<AppendResult> bad = sends.get(i);
                assertThat(bad).failsWithin(java.time.Duration.ofSeconds(30))
                        .withThrowableOfType(java.util.concurrent.ExecutionException.class).havingCause()
                        .isInstanceOfSatisfying(ImException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_MESSAGE));
            } else {
                committed.add(sends.get(i).join());
            }
        }
        assertThat(committed).extracting(result -> result.message().seq())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 39).boxed().toList());
        assertThat(store.provider().messages().inboxHead("ben")).isEqualTo(39);
        assertThat(append(99, "{\"content\":\"after\"}").join().message().seq()).isEqualTo(40);
        assertThat(store.provider().messages().readConversation(CHAT, 0, 100)).hasSize(40);
    }

    private CompletableFuture<AppendResult> append(int i, String content) {
        Message message = new Message(CHAT, "ann", "ben", "RC:TxtMsg", content, Optional.empty(), Optional.empty(),
                true, true, "c" + i, Optional.empty(), 0, "UID-BAD-" + i + "-" + System.nanoTime(), 1000 + i);
        return store.provider().messages().append(new AppendRequest(message, List.of("ann", "ben"), "ann:c" + i))
                .toCompletableFuture();
    }
}
