package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.MessageInterceptor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
        chain = new InterceptorChain(List.of(interceptors), configuredOrder, registry);
        return chain;
    }

    private double failures() {
        return registry.counter("im.interceptor.failures").count();
    }

    @Test
    void configuredOrderFirstThenOrderValue() {
        InterceptorChain chain = chain(List.of("cfg-first", "cfg-second"), appending("late", 5),
                appending("cfg-second", 99), appending("early", -1), appending("cfg-first", 100));

        assertThat(chain.names()).containsExactly("cfg-first", "cfg-second", "early", "late");
        assertThat(chain.apply(MESSAGE).content()).isEqualTo("start>cfg-first>cfg-second>early>late");
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

        OutgoingMessage result = chain(List.of(), check, upperCase).apply(MESSAGE);

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

        assertThatThrownBy(() -> chain.apply(MESSAGE))
                .isInstanceOf(ImException.class)
                .hasMessage("blocked word")
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(20406));
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void throwingFailOpenInterceptorLetsTheMessagePass() {
        OutgoingMessage result = chain(List.of(), throwing("webhook", true), appending("after", 1)).apply(MESSAGE);

        assertThat(result.content()).isEqualTo("start>after");
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void throwingFailClosedInterceptorRejects() {
        InterceptorChain chain = chain(List.of(), throwing("webhook", false));

        assertThatThrownBy(() -> chain.apply(MESSAGE))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("webhook")
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED))
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(33009));
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void overrunningFailOpenInterceptorLetsTheMessagePass() {
        OutgoingMessage result = chain(List.of(), hanging("slow", true), appending("after", 1)).apply(MESSAGE);

        assertThat(result.content()).isEqualTo("start>after");
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void overrunningFailClosedInterceptorRejects() {
        InterceptorChain chain = chain(List.of(), hanging("slow", false));

        assertThatThrownBy(() -> chain.apply(MESSAGE))
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.INTERCEPTOR_FAILED));
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void emptyChainPassesTheMessageUnchanged() {
        assertThat(chain(List.of()).apply(MESSAGE)).isSameAs(MESSAGE);
    }
}
