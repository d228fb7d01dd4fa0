package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.connect;
import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static io.parley.plugin.moderation.e2e.Clients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.plugin.moderation.e2e.Clients.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.webhook.FakeAppServer;
import io.parley.testkit.webhook.FakeResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message callback answers later without holding anything but its own conversation: on a server with one
 * stripe (every conversation shares its thread), while the app server sits on one message, another conversation's
 * messages pass the callback and are delivered, and the held conversation's next message waits behind the first and
 * follows it in order.
 */
class SlowCallbackTest {
    private static final String PATH = "/im/callback";

    @TempDir
    Path dir;

    FakeAppServer app;
    EmbeddedParley server;
    final CountDownLatch answerHeld = new CountDownLatch(1);

    @BeforeEach
    void start() {
        app = FakeAppServer.start();
        app.respond(PATH, request -> {
            if (request.formField("content").orElse("").contains("hold")) {
                try {
                    answerHeld.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FakeResponse.json("{\"pass\":1}");
        });
        server = EmbeddedParley.start(dir, "moderation.callback.url", app.url(PATH),
                "moderation.callback.timeout", "120s", "moderation.callback.object-names", "RC:TxtMsg",
                "dispatch.stripes", "1");
    }

    @AfterEach
    void stop() {
        answerHeld.countDown();
        server.close();
        app.close();
    }

    @Test
    void aHeldCallbackHoldsOnlyItsConversationAndKeepsItsOrder() {
        try (Device alice = connect(server, "alice"); Device bob = connect(server, "bob");
                Device carol = connect(server, "carol"); Device dave = connect(server, "dave")) {
            CompletableFuture<SendResult> held = alice.client().sendPrivate("bob", "RC:TxtMsg", text("hold"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !app.requests(PATH).isEmpty());
            CompletableFuture<SendResult> behind = alice.client().sendPrivate("bob", "RC:TxtMsg", text("behind"));

            assertThat(outcome(carol.client().sendPrivate("dave", "RC:TxtMsg", text("elsewhere"))))
                    .as("another conversation on the same stripe passes its callback").isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> dave.inbox().size() == 1);
            assertThat(held).as("the held message waits for its answer").isNotDone();
            assertThat(behind).as("its conversation's next message waits behind it").isNotDone();
            assertThat(bob.inbox()).isEmpty();

            answerHeld.countDown();
            assertThat(outcome(held)).isZero();
            assertThat(outcome(behind)).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> bob.inbox().size() == 2);
            assertThat(bob.inbox().stream().map(ReceivedMessage::content))
                    .as("in the order sent").containsExactly(text("hold"), text("behind"));
            assertThat(held.join().seq()).isLessThan(behind.join().seq());
        }
    }
}
