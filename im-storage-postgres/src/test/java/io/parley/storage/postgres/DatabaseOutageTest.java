package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.StorageProvider;
import io.parley.testkit.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the database goes away, appends and reads fail with STORAGE_UNAVAILABLE (never hang, never report a
 * success), what was acknowledged before is all there when it comes back, and the seqs go on without a gap.
 * A database that cannot be reached at startup fails it with a message naming where it looked.
 */
class DatabaseOutageTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");
    private String schema;
    private TcpProxy proxy;
    private StorageProvider provider;

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        PostgresTestDatabase.dropSchema(schema);
    }

    @Test
    void anOutageFailsCallsClearlyAndLosesNoAcknowledgedMessage() throws Exception {
        schema = PostgresTestDatabase.newSchema("outage");
        URI target = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort()).start();
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
        provider = new PostgresStorageProvider(new PostgresStorageConfig(viaProxy, PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD, schema, 2, 64, Duration.ofSeconds(1), 100), PostgresMetrics.none());

        List<AppendResult> acked = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            acked.add(append(i).join());
        }

        proxy.stop();
        CompletableFuture<AppendResult> duringOutage = append(100);
        assertThatThrownBy(() -> duringOutage.get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
        assertThatThrownBy(() -> provider.messages().readConversation(CHAT, 0, 10))
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));

        proxy.start();
        List<AppendResult> afterwards = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).ignoreException(CompletionException.class)
                .until(() -> afterwards.add(append(200).join()));
        afterwards.add(append(201).join());

        List<Message> stored = provider.messages().readConversation(CHAT, 0, 1000);
        assertThat(stored).extracting(Message::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 52).boxed().toList());
        assertThat(stored.subList(0, 50)).containsExactlyElementsOf(acked.stream().map(AppendResult::message).toList());
        assertThat(afterwards).extracting(result -> result.message().seq()).containsExactly(51L, 52L);
        assertThat(provider.messages().inboxHead("ben")).isEqualTo(52);
    }

    @Test
    void noDatabaseAtStartupFailsWithWhereItLooked() {
        PostgresStorageConfig nowhere = new PostgresStorageConfig("jdbc:postgresql://127.0.0.1:1/parley_test",
                "parley", "parley", "public", 2, 10, Duration.ofSeconds(1), 10);
        assertThatThrownBy(() -> new PostgresStorageProvider(nowhere, PostgresMetrics.none()))
                .isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/parley_test");
    }

    private CompletableFuture<AppendResult> append(int i) {
        Message message = new Message(CHAT, "ann", "ben", "RC:TxtMsg", "{\"content\":\"#" + i + "\"}", Optional.empty(),
                Optional.empty(), true, true, "c" + i, Optional.empty(), 0, "UID-OUTAGE-" + i + "-" + System.nanoTime(),
                1000 + i);
        return provider.messages().append(new AppendRequest(message, List.of("ann", "ben"), "ann:c" + i))
                .toCompletableFuture();
    }
}
