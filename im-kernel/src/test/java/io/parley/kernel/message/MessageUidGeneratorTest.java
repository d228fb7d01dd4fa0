package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageUidGeneratorTest {
    private static final String SHAPE = "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}";
    private static final long MILLIS = 1_700_000_000_000L;

    private final MessageUidGenerator generator = new MessageUidGenerator();

    @Test
    void uidHasRongCloudShape() {
        assertThat(generator.next(MILLIS)).matches(SHAPE);
        assertThat(generator.next(System.currentTimeMillis())).matches(SHAPE);
    }

    @Test
    void hundredThousandAtTheSameMillisecondAreDistinct() {
        Set<String> uids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String uid = generator.next(MILLIS);
            assertThat(uid).matches(SHAPE);
            uids.add(uid);
        }

        assertThat(uids).hasSize(100_000);
    }

    @Test
    void fourThreadsAtOnceGetDistinctUids() throws Exception {
        Set<String> uids = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 25_000; i++) {
                        uids.add(generator.next(MILLIS));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(uids).hasSize(100_000);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        String first = generator.next(MILLIS);
        String second = generator.next(MILLIS + 1);

        assertThat(second).isGreaterThan(first);
    }
}
