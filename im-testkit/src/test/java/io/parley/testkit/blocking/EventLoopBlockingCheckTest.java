package io.parley.testkit.blocking;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The check fails a test whose event loop blocked, naming the call and where, and passes one whose did not. */
class EventLoopBlockingCheckTest {

    /** Run by the engine below only (surefire leaves nested classes out). */
    static class Sample {
        @Test
        void parksOnAnEventLoop() throws Exception {
            onAnEventLoop(() -> LockSupport.parkNanos(1_000_000));
        }

        @Test
        void parksOnItsOwnThread() throws Exception {
            LockSupport.parkNanos(1_000_000);
            onAnEventLoop(() -> { });
        }

        private static void onAnEventLoop(Runnable task) throws Exception {
            EventLoopGroup loops = new DefaultEventLoopGroup(1, new DefaultThreadFactory("sample-loop", true));
            try {
                loops.submit(task).get(60, TimeUnit.SECONDS);
            } finally {
                loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void failsTheTestWhoseEventLoopBlockedAndNoOther() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(Sample.class))
                .execute()
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("parksOnAnEventLoop"), finishedWithFailure(instanceOf(AssertionError.class),
                        message(text -> text.contains("sample-loop") && text.contains("Unsafe#park")
                                && text.contains("EventLoopBlockingCheckTest$Sample.lambda")))))
                .haveExactly(1, event(test("parksOnItsOwnThread"), finishedSuccessfully()));
    }
}
