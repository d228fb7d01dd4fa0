package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void runsTasksInOrderOneAtATimeOnASharedPool() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, 3);
            List<Integer> order = new CopyOnWriteArrayList<>();
            AtomicInteger concurrent = new AtomicInteger();
            AtomicInteger maxConcurrent = new AtomicInteger();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                serial.execute(() -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    assertThat(serial.inCallbackThread()).isTrue();
                    order.add(n);
                    concurrent.decrementAndGet();
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 1000);
            assertThat(order).isSorted();
            assertThat(maxConcurrent.get()).isEqualTo(1);
            assertThat(serial.inCallbackThread()).isFalse();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aThrowingTaskDoesNotStopTheNextAndAShutDownDelegateIsReported() {
        ExecutorService single = Executors.newSingleThreadExecutor();
        SerialExecutor serial = new SerialExecutor(single, Integer.MAX_VALUE);
        List<String> ran = new CopyOnWriteArrayList<>();
        serial.execute(() -> {
            throw new IllegalStateException("boom");
        });
        serial.execute(() -> ran.add("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.equals(List.of("after")));
        single.shutdown();
        assertThat(serial.tryExecute(() -> ran.add("too late"))).isFalse();
    }
}
