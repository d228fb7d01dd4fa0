package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.AsyncMessageInterceptor;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.dispatch.StripeWork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterceptorChainTest {
    private static final OutgoingMessage MESSAGE = new OutgoingMessage(ConversationType.PRIVATE, "alice", "bob",
            "RC:TxtMsg", "start", Optional.empty(), Optional.empty(), true, true, true, "c1", Optional.empty());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Released after each test, so that an interceptor left waiting past its timeout ends. */
    private final CountDownLatch never = new CountDownLatch(1);
    private InterceptorChain chain;

    @AfterEach
    void close() {
        never.countDown();
        if (chain != null) {
            chain.close();
        }
    }

    private record Step(String name, int order, boolean failOpen, Duration timeout,
            Function<OutgoingMessage, Decision> body) implements MessageInterceptor {
        @Override
        public Decision decide(OutgoingMessage message) {
            return body.apply(message);
        }
    }

    /** Appends its name to the content, so the content records the order of the walk. */
    private static Step appending(String name, int order) {
        return new Step(name, order, true, Duration.ofSeconds(3),
                message -> Decision.replace(message.withContent(message.content() + ">" + name)));
    }

    private static Step throwing(String name, boolean failOpen) {
        return new Step(name, 0, failOpen, Duration.ofSeconds(3), message -> {
            throw new IllegalStateException("callback server down");
        });
    }

    private Step hanging(String name, boolean failOpen) {
        return new Step(name, 0, failOpen, Duration.ofMillis(100), message -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.proceed();
        });
    }

    private InterceptorChain chain(List<String> configuredOrder, MessageInterceptor... interceptors) {
        chain = new InterceptorChain(List.of(interceptors), configuredOrder, 4, registry);
        return chain;
    }

    /**
     * Walks the chain as a stripe would: runs each next step the walk hands back once its answer is there. The
     * accepted message, or the refusal thrown.
     */
    private static OutgoingMessage walk(InterceptorChain chain, OutgoingMessage message) {
        AtomicReference<OutgoingMessage> accepted = new AtomicReference<>();
        AtomicReference<ImException> refused = new AtomicReference<>();
        CompletionStage<StripeWork> later = chain.walk(message, new InterceptorChain.Outcome() {
            @Override
            public CompletionStage<StripeWork> accepted(OutgoingMessage result) {
                accepted.set(result);
                return null;
            }

            @Override
            public void refused(ImException refusal) {
                refused.set(refusal);
            }
        });
        while (later != null) {
            later = later.toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join().run();
        }
        if (refused.get() != null) {
            throw refused.get();
        }
        assertThat(accepted.get()).as("accepted or refused").isNotNull();
        return accepted.get();
    }

    private double failures() {
        return registry.counter("im.interceptor.failures").count();
    }

    @Test
    void configuredOrderFirstThenOrderValue() {
        InterceptorChain chain = chain(List.of("cfg-first", "cfg-second"), appending("late", 5),
                appending("cfg-second", 99), appending("early", -1), appending("cfg-first", 100));

        assertThat(chain.names()).containsExactly("cfg-first", "cfg-second", "early", "late");
        assertThat(walk(chain, MESSAGE).content()).isEqualTo("start>cfg-first>cfg-second>early>late");
    }

    @Test
    void replacedMessageIsWhatTheNextInterceptorSees() {
        AtomicInteger seen = new AtomicInteger();
        Step upperCase = new Step("upper", 1, true, Duration.ofSeconds(3),
                message -> Decision.replace(message.withContent(message.content().toUpperCase())));
        Step check = new Step("check", 2, true, Duration.ofSeconds(3), message -> {
            assertThat(message.content()).isEqualTo("START");
            seen.incrementAndGet();
            return Decision.proceed();
        });

        OutgoingMessage result = walk(chain(List.of(), check, upperCase), MESSAGE);

        assertThat(result.content()).isEqualTo("START");
        assertThat(seen).hasValue(1);
    }

    @Test
    void rejectThrowsWithTheCodeAndStopsTheWalk() {
        AtomicInteger laterCalls = new AtomicInteger();
        Step reject = new Step("moderation", 1, true, Duration.ofSeconds(3),
                message -> Decision.reject(StandardErrorCode.MESSAGE_UNAUTHORIZED, "blocked word"));
        Step later = new Step("later", 2, true, Duration.ofSeconds(3), message -> {
            laterCalls.incrementAndGet();
            return Decision.proceed();
        });
        InterceptorChain chain = chain(List.of(), later, reject);

        assertThatThrownBy(() -> walk(chain, MESSAGE))
                .isInstanceOf(ImException.class)
                .hasMessage("blocked word")
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(20406));
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void throwingFailOpenInterceptorLetsTheMessagePass() {
        OutgoingMessage result = walk(chain(List.of(), throwing("webhook", true), appending("after", 1)), MESSAGE);

        assertThat(result.content()).isEqualTo("start>after");
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void throwingFailClosedInterceptorRejects() {
        InterceptorChain chain = chain(List.of(), throwing("webhook", false));

        assertThatThrownBy(() -> walk(chain, MESSAGE))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("webhook")
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED))
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(33009));
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void overrunningFailOpenInterceptorLetsTheMessagePass() {
        OutgoingMessage result = walk(chain(List.of(), hanging("slow", true), appending("after", 1)), MESSAGE);

        assertThat(result.content()).isEqualTo("start>after");
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void overrunningFailClosedInterceptorRejects() {
        InterceptorChain chain = chain(List.of(), hanging("slow", false));

        assertThatThrownBy(() -> walk(chain, MESSAGE))
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED));
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void emptyChainPassesTheMessageUnchanged() {
        assertThat(walk(chain(List.of()), MESSAGE)).isSameAs(MESSAGE);
    }

    /** The same step, called on the stripe ({@code mayBlock} false). */
    private static MessageInterceptor inMemory(Step step) {
        return new MessageInterceptor() {
            @Override
            public String name() {
                return step.name();
            }

            @Override
            public int order() {
                return step.order();
            }

            @Override
            public boolean mayBlock() {
                return false;
            }

            @Override
            public Decision decide(OutgoingMessage message) {
                return step.decide(message);
            }
        };
    }

    /** Answers with what the test completes its stage with, when the test does. */
    private record Later(String name, boolean failOpen, Duration timeout, CompletableFuture<Decision> answer)
            implements AsyncMessageInterceptor {
        @Override
        public CompletionStage<Decision> decideAsync(OutgoingMessage message) {
            return answer;
        }
    }

    @Test
    void anAsynchronousInterceptorsAnswerResumesTheWalk() {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        InterceptorChain chain = chain(List.of(), inMemory(appending("before", -1)),
                new Later("callback", true, Duration.ofSeconds(30), answer), inMemory(appending("after", 1)));

        AtomicReference<OutgoingMessage> accepted = new AtomicReference<>();
        CompletionStage<StripeWork> later = chain.walk(MESSAGE, new InterceptorChain.Outcome() {
            @Override
            public CompletionStage<StripeWork> accepted(OutgoingMessage result) {
                accepted.set(result);
                return null;
            }

            @Override
            public void refused(ImException refusal) {
                throw refusal;
            }
        });

        assertThat(later).as("the walk waits for the answer").isNotNull();
        assertThat(later.toCompletableFuture()).isNotDone();
        assertThat(accepted.get()).isNull();
        answer.complete(Decision.replace(MESSAGE.withContent("replaced")));
        StripeWork next = later.toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(next.run()).isNull();
        assertThat(accepted.get().content()).as("what the callback saw was replaced").isEqualTo("replaced>after");
    }

    @Test
    void anAsynchronousRefusalStopsTheWalkWithItsCode() {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        answer.completeExceptionally(new ImException(StandardErrorCode.MESSAGE_UNAUTHORIZED, "blocked by the app"));
        InterceptorChain chain = chain(List.of(), new Later("callback", true, Duration.ofSeconds(30), answer));

        assertThatThrownBy(() -> walk(chain, MESSAGE))
                .isInstanceOf(ImException.class)
                .hasMessage("blocked by the app")
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(20406));
        assertThat(failures()).isZero();
    }

    @Test
    void aFailedAsynchronousAnswerFailsClosedOrOpen() {
        CompletableFuture<Decision> failed = CompletableFuture.failedFuture(new IllegalStateException("down"));

        assertThatThrownBy(() -> walk(chain(List.of(), new Later("closed", false, Duration.ofSeconds(30), failed)),
                MESSAGE)).satisfies(e -> assertThat(((ImException) e).errorCode())
                        .isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED));
        assertThat(walk(chain(List.of(), new Later("open", true, Duration.ofSeconds(30), failed)), MESSAGE))
                .isSameAs(MESSAGE);
        assertThat(failures()).isEqualTo(2.0);
    }

    @Test
    void anAsynchronousAnswerThatNeverComesOverrunsItsTimeout() {
        InterceptorChain chain = chain(List.of(),
                new Later("silent", false, Duration.ofMillis(100), new CompletableFuture<>()));

        assertThatThrownBy(() -> walk(chain, MESSAGE))
                .satisfies(e -> assertThat(((ImException) e).errorCode())
                        .isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED));
        assertThat(failures()).isEqualTo(1.0);
    }
}
