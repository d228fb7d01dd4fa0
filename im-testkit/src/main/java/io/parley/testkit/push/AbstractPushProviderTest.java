package io.parley.testkit.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance suite every push adapter passes against a local fake of its vendor. A subclass says how to
 * start the fake and how to make its adapter pointed at it; the suite checks that a notification reaches the
 * vendor exactly as the vendor wants it, that every row of the vendor's error table is classified as the
 * table says, that auth is cached and refreshed, that a rate limit carries its {@code Retry-After}, and that
 * an outage reads as retryable.
 */
public abstract class AbstractPushProviderTest {
    protected static final String APP_ID = "com.example.chat";

    protected VendorFake fake;
    protected PushSender sender;

    /** Starts the vendor's fake. */
    protected abstract VendorFake startFake();

    /** Makes the adapter under test, pointed at {@code fake}. */
    protected abstract PushSender newSender(VendorFake fake);

    /** A valid-looking device token for this vendor, distinct per {@code n}. */
    protected String token(int n) {
        return "ok-device-" + n;
    }

    @BeforeEach
    void startFakeAndAdapter() {
        fake = startFake();
        sender = newSender(fake);
    }

    @AfterEach
    void stopFakeAndAdapter() {
        sender.close();
        fake.close();
    }

    private Map<String, SentOutcome> send(List<String> tokens) {
        return sender.send(tokens, APP_ID, "Alice", "hello there", 3, Map.of("messageUid", "BCVD-DV70-EKOC-7ES6"));
    }

    @Test
    void aNotificationReachesTheVendorWithTitleBodyBadgeAndPayload() {
        Map<String, SentOutcome> outcomes = send(List.of(token(1)));

        assertThat(outcomes.get(token(1)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        assertThat(fake.violations()).isEmpty();
        assertThat(fake.pushesTo(token(1))).singleElement().satisfies(push -> {
            assertThat(push.title()).isEqualTo("Alice");
            assertThat(push.body()).isEqualTo("hello there");
            assertThat(push.badge()).isEqualTo(3);
            assertThat(push.data()).containsEntry("messageUid", "BCVD-DV70-EKOC-7ES6");
            if (fake.carriesAppId()) {
                assertThat(push.appId()).isEqualTo(APP_ID);
            }
        });
    }

    @Test
    void everyRowOfTheVendorsErrorTableIsClassifiedAsTheTableSays() {
        assertThat(fake.errorRows()).isNotEmpty();
        for (ErrorRow row : fake.errorRows()) {
            Map<String, SentOutcome> outcomes = send(List.of(row.token()));
            assertThat(outcomes.get(row.token()).kind()).as("row %s", row.name()).isEqualTo(row.expected());
        }
        assertThat(fake.violations()).isEmpty();
        assertThat(fake.pushes()).isEmpty();
    }

    @Test
    void aBatchSettlesEachTokenOnItsOwn() {
        assumeTrue(sender.maxBatchSize() > 1, "the vendor takes one token per request");
        ErrorRow invalid = fake.errorRows().stream().filter(row -> row.expected() == ExpectedOutcome.INVALID_TOKEN)
                .reduce((first, second) -> first).orElseThrow();
        Map<String, SentOutcome> outcomes = send(List.of(token(1), invalid.token(), token(2)));

        assertThat(outcomes.get(token(1)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        assertThat(outcomes.get(token(2)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        assertThat(outcomes.get(invalid.token()).kind()).isEqualTo(ExpectedOutcome.INVALID_TOKEN);
        assertThat(fake.sendCalls()).isEqualTo(1);
    }

    @Test
    void authIsMintedOnceAndReusedAcrossSends() {
        assumeTrue(fake.hasAuth(), "the vendor has no access token");
        for (int i = 1; i <= 3; i++) {
            assertThat(send(List.of(token(i))).get(token(i)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        }
        assertThat(fake.authCalls()).isEqualTo(1);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void aStaleAccessTokenIsRefreshedAndTheSendRetriedOnce() {
        assumeTrue(fake.hasAuth(), "the vendor has no access token");
        assertThat(send(List.of(token(1))).get(token(1)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        fake.staleAuthOnce();

        assertThat(send(List.of(token(2))).get(token(2)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        assertThat(fake.authCalls()).isEqualTo(2);
        assertThat(fake.pushesTo(token(2))).hasSize(1);
    }

    @Test
    void aRateLimitIsReportedWithItsRetryAfter() {
        fake.rateLimitNext(1, 7);
        SentOutcome outcome = send(List.of(token(1))).get(token(1));

        assertThat(outcome.kind()).isEqualTo(ExpectedOutcome.RATE_LIMITED);
        if (fake.sendsRetryAfter()) {
            assertThat(outcome.retryAfter()).contains(Duration.ofSeconds(7));
        }
        assertThat(send(List.of(token(1))).get(token(1)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
    }

    @Test
    void anOutageIsRetryableAndTheNextSendAfterRecoveryIsAccepted() {
        fake.goDown();
        assertThat(send(List.of(token(1))).get(token(1)).kind())
                .isIn(ExpectedOutcome.TRANSIENT, ExpectedOutcome.RATE_LIMITED);
        fake.comeBack();

        assertThat(send(List.of(token(1))).get(token(1)).kind()).isEqualTo(ExpectedOutcome.ACCEPTED);
        assertThat(fake.pushesTo(token(1))).hasSize(1);
    }

    @Test
    void anUnreachableVendorIsRetryable() {
        fake.close();
        assertThat(send(List.of(token(1))).get(token(1)).kind()).isEqualTo(ExpectedOutcome.TRANSIENT);
    }
}
