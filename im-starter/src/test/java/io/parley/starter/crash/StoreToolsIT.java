package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.testkit.ServerApiClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's storage tools through the jar: a damaged store at startup, repair, backup while running, restore. */
class StoreToolsIT {
    @TempDir
    Path dir;
    final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServerProcess server : servers) {
            server.stop();
        }
    }

    private ServerProcess server(String dataDir) throws IOException {
        Files.createDirectories(dir.resolve(dataDir));
        ServerProcess server = new ServerProcess(dir.resolve(dataDir));
        servers.add(server);
        return server;
    }

    private static List<String> publish(ServerProcess server, int count, String tag) {
        ServerApiClient api = new ServerApiClient(server.baseUrl(), ServerProcess.APP_KEY, ServerProcess.APP_SECRET);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServerApiClient.Answer answer = api.post("/message/private/publish.json", "fromUserId", "ops",
                    "toUserId", "reader", "objectName", "RC:TxtMsg", "content", "{\"content\":\"" + tag + i + "\"}");
            assertThat(answer.code()).isEqualTo(200);
            uids.add(answer.body().get("messageUIDs").get(0).get("messageUID").asText());
        }
        return uids;
    }

    private static SyncedInbox reader(ServerProcess server, String device) {
        ServerApiClient api = new ServerApiClient(server.baseUrl(), ServerProcess.APP_KEY, ServerProcess.APP_SECRET);
        return SyncedInbox.sync(api, server.tcpPort(), "reader", device);
    }

    @Test
    void aDamagedLogStopsStartupWithARecoveryPathAndRepairFixesIt() throws Exception {
        ServerProcess server = server("data");
        assertThat(server.start()).isTrue();
        publish(server, 60, "before damage ");
        server.stop();
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("data/storage/log"))) {
            segment = files.sorted().findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("~~ disk damage ~~".getBytes(StandardCharsets.UTF_8)), channel.size() / 2);
        }

        assertThat(server.start()).as("must refuse to start").isFalse();
        assertThat(server.exitCode()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.output().stream()
                .anyMatch(line -> line.contains("Parley failed to start")));
        assertThat(server.output()).anyMatch(line -> line.contains(segment.toString())
                && line.contains("java -jar parley-server.jar repair"));
        assertThat(server.output()).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));

        assertThat(server.command("repair")).as("repair output: %s", server.output()).isZero();
        assertThat(server.start()).as("starts after repair: %s", server.output()).isTrue();
        SyncedInbox inbox = reader(server, "after-repair");
        assertThat(inbox.messages).hasSizeBetween(55, 59);
        assertThat(inbox.messages.get(inbox.messages.size() - 1).content()).contains("before damage 59");
    }

    @Test
    void aLogMissingItsTailAfterACleanStopRefusesToStartAndRepairSaysWhatWasLost() throws Exception {
        ServerProcess server = server("data");
        assertThat(server.start()).isTrue();
        List<String> published = publish(server, 30, "kept ");
        server.stop();
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("data/storage/log"))) {
            segment = files.sorted().reduce((first, second) -> second).orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }

        assertThat(server.start()).as("must refuse to start: an acknowledged record is missing").isFalse();
        assertThat(server.exitCode()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.output().stream()
                .anyMatch(line -> line.contains("Parley failed to start")));
        assertThat(server.output()).anyMatch(line -> line.contains(segment.toString())
                && line.contains("recorded the log as written up to offset")
                && line.contains("java -jar parley-server.jar repair"));
        assertThat(server.output()).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));

        assertThat(server.command("repair")).as("repair output: %s", server.output()).isZero();
        assertThat(server.output()).as("repair says what was lost").anyMatch(line -> line.contains("bytes are lost"));
        assertThat(server.start()).as("starts after repair: %s", server.output()).isTrue();
        SyncedInbox inbox = reader(server, "after-repair");
        inbox.assertOrderedGaplessOnce();
        List<String> kept = inbox.messages.stream().map(ReceivedMessage::messageUid).toList();
        assertThat(published).as("what is left is what was published, but the lost tail")
                .startsWith(kept.toArray(String[]::new));
        assertThat(kept).hasSizeBetween(published.size() - 1, published.size());
    }

    @Test
    void aBackupTakenWhileRunningRestoresEveryAckedMessage() throws Exception {
        ServerProcess server = server("data");
        assertThat(server.start()).isTrue();
        List<String> beforeBackup = publish(server, 40, "kept ");
        assertThat(server.command("backup", dir.resolve("backup").toString())).as("%s", server.output()).isZero();
        publish(server, 10, "after backup ");
        server.stop();

        ServerProcess restored = server("restored-data");
        assertThat(restored.command("restore", dir.resolve("backup").toString())).as("%s", restored.output()).isZero();
        assertThat(restored.command("restore", dir.resolve("backup").toString())).as("refuses a non-empty store")
                .isEqualTo(2);
        assertThat(restored.start()).as("%s", restored.output()).isTrue();
        SyncedInbox inbox = reader(restored, "restored");
        inbox.assertOrderedGaplessOnce();
        assertThat(inbox.uids()).containsAll(beforeBackup);
    }
}
