package io.parley.testkit.blocking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Fails a test during which an event loop blocked: BlockHound, installed once per test JVM, watches every Netty event
 * loop (the server's, the client SDK's, Lettuce's: Netty's own BlockHound integration marks them) for a blocking call
 * (a sleep, a wait, a lock that parks, blocking file or socket I/O; allowed: a queue's {@code offer}, whose lock is held
 * for a pointer swap, Netty's buffer allocator's short locks and Jackson's one-time cache fill), and this extension fails the test (or the class,
 * for a call made in {@code @BeforeAll}/{@code @AfterAll}) with each call and where it was made. The call itself is let
 * through, so the test's own outcome is undisturbed and the report names the first culprit, not its consequences.
 *
 * <p>Registered by JUnit's extension auto-detection (this module's {@code META-INF/services}), which a build turns on
 * with the configuration parameter {@code junit.jupiter.extensions.autodetection.enabled=true}; on Java 13 and later
 * the JVM also needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} (BlockHound's instrumentation). Parley's own
 * build sets both for every module; a plugin's build can do the same (see docs/plugin-guide.md).
 */
public final class EventLoopBlockingCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    private static final List<String> CALLS = new ArrayList<>();
    private static boolean installed;

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        BlockHound.builder()
                .loadIntegrations()
                // a hand-off to a worker or a stripe: offer never waits for room, its lock is held for a pointer swap
                .allowBlockingCallsInside("java.util.concurrent.ArrayBlockingQueue", "offer")
                .allowBlockingCallsInside("java.util.concurrent.LinkedBlockingQueue", "offer")
                // Netty's own buffer allocator guards its magazines with short locks (not in Netty's integration yet)
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator", "allocate")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                // Jackson fills its deserializer cache once per type, under a lock
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                        "_createAndCacheValueDeserializer")
                .blockingMethodCallback(method -> record(Thread.currentThread().getName() + " blocked in " + method
                        + where(new Throwable().getStackTrace())))
                .install();
    }

    private static synchronized void record(String call) {
        CALLS.add(call);
    }

    /** How many calls were recorded so far. */
    private static synchronized int recorded() {
        return CALLS.size();
    }

    private static synchronized List<String> since(int from) {
        return List.copyOf(CALLS.subList(from, CALLS.size()));
    }

    /** The frames that tell where: the first dozen below BlockHound's own. */
    private static String where(StackTraceElement[] stack) {
        return Arrays.stream(stack)
                .filter(frame -> !frame.getClassName().startsWith("reactor.blockhound")
                        && !frame.getClassName().equals(EventLoopBlockingCheck.class.getName())
                        && !frame.getClassName().startsWith(EventLoopBlockingCheck.class.getName() + "$"))
                .limit(12).map(frame -> "\n    at " + frame).collect(Collectors.joining());
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(EventLoopBlockingCheck.class));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        store(context).put("class", recorded());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store(context).put("test", recorded());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> calls = since(store(context).get("test", Integer.class));
        store(context.getParent().orElseThrow()).put("class", recorded());
        failIfAny(calls, context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failIfAny(since(store(context).get("class", Integer.class)), context.getDisplayName() + " (before or after all)");
    }

    private static void failIfAny(List<String> calls, String where) {
        if (!calls.isEmpty()) {
            throw new AssertionError("an event loop blocked during " + where + " (nothing may block an event loop: move "
                    + "the work to a worker or make it asynchronous):\n" + String.join("\n", calls));
        }
    }
}
