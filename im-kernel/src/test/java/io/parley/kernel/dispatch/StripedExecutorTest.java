package io.parley.kernel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work that waits for an answer holds its key, not its stripe: order per key, the stripe free, both bounds. */
class StripedExecutorTest {
    /** One stripe: every key shares its thread, so "the stripe goes on" is tested at its hardest. */
    private final StripedExecutor stripes = new StripedExecutor(1, 100, 2);
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        stripes.close();
    }

    private void submit(String key, String name) {
        stripes.execute(key, KeyedWork.of(() -> {
            ran.add(name);
            return null;
        }, reason -> refused.add(name + ": " + reason)));
    }

    /** Runs {@code name}, then waits for {@code answer} before its second step {@code name + "'"}. */
    private void submitWaiting(String key, String name, CompletableFuture<Void> answer) {
        stripes.execute(key, KeyedWork.of(() -> {
            ran.add(name);
            return answer.thenApply(done -> () -> {
                ran.add(name + "'");
                return null;
            });
        }, reason -> refused.add(name + ": " + reason)));
    }

    @Test
    void aWaitingKeyKeepsItsOrderWhileOtherKeysGoOn() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        submitWaiting("a", "a1", answer);
        submit("a", "a2");
        submit("b", "b1");
        submit("a", "a3");
        submit("b", "b2");

        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("b2"));
        assertThat(ran).containsExactly("a1", "b1", "b2");

        answer.complete(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.size() == 6);
        assertThat(ran).containsExactly("a1", "b1", "b2", "a1'", "a2", "a3");
        assertThat(refused).isEmpty();
    }

    @Test
    void workParkedBehindWorkThatWaitsCanWaitInTurn() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        submitWaiting("a", "a1", first);
        submitWaiting("a", "a2", second);
        submit("a", "a3");

        first.complete(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("a2"));
        submit("b", "b1");
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("b1"));
        assertThat(ran).containsExactly("a1", "a1'", "a2", "b1");

        second.complete(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("a3"));
        assertThat(ran).containsExactly("a1", "a1'", "a2", "b1", "a2'", "a3");
    }

    @Test
    void aWaitingKeyHoldsAtMostItsBoundBehindIt() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        submitWaiting("a", "a1", answer);
        submit("a", "a2");
        submit("a", "a3");
        submit("a", "a4");
        submit("b", "b1");

        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("b1"));
        assertThat(refused).singleElement().asString().startsWith("a4: ")
                .contains("dispatch.max-waiting-per-conversation");

        answer.complete(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("a3"));
        assertThat(ran).containsExactly("a1", "b1", "a1'", "a2", "a3");
    }

    @Test
    void answersAlreadyThereRunAtOnce() {
        submitWaiting("a", "a1", CompletableFuture.completedFuture(null));
        submit("a", "a2");

        await().atMost(Duration.ofSeconds(60)).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("a1", "a1'", "a2");
    }

    @Test
    void aFailedAnswerReleasesTheKey() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        submitWaiting("a", "a1", answer);
        submit("a", "a2");

        answer.completeExceptionally(new IllegalStateException("lost"));
        await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("a2"));
        assertThat(ran).containsExactly("a1", "a2");
    }

    @Test
    void aClosedExecutorRefuses() {
        stripes.close();
        submit("a", "a1");

        assertThat(refused).singleElement().asString().contains("stopping");
        assertThat(ran).isEmpty();
    }
}
