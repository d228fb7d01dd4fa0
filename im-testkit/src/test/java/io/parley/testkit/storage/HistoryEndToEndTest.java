package io.parley.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History as users and app servers see it: client paging, the v3 queries, hourly files, cleaning. */
class HistoryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    EmbeddedParley parley;
    ImClient amy;
    ImClient bo;
    final List<SendResult> sent = new ArrayList<>();

    @BeforeEach
    void sendFive() {
        parley = EmbeddedParley.start(dir);
        amy = parley.client("amy", "amy-phone", "Android").build();
        bo = parley.client("bo", "bo-phone", "iOS").build();
        amy.connect().join();
        bo.connect().join();
        for (int i = 1; i <= 5; i++) {
            sent.add(amy.sendPrivate("bo", "RC:TxtMsg", "{\"content\":\"hello " + i + "\"}").join());
        }
    }

    @AfterEach
    void stop() {
        amy.close();
        bo.close();
        parley.close();
    }

    @SuppressWarnings("unchecked")
    private List<Long> seqs(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("messages")).stream()
                .map(m -> ((Number) m.get("seq")).longValue()).toList();
    }

    private Map<String, Object> query(Map<String, Object> body) {
        return bo.command("history.query", body).join();
    }

    @Test
    void aClientPagesBackwardsBySeqAndByTime() {
        Map<String, Object> newest = query(Map.of("conversationType", 1, "targetId", "amy", "limit", 2));
        assertThat(seqs(newest)).containsExactly(5L, 4L);
        assertThat(newest.get("hasMore")).isEqualTo(true);
        assertThat(seqs(query(Map.of("conversationType", 1, "targetId", "amy", "beforeSeq", 4, "limit", 2))))
                .containsExactly(3L, 2L);
        Map<String, Object> last = query(Map.of("conversationType", 1, "targetId", "amy", "beforeSeq", 2, "limit", 2));
        assertThat(seqs(last)).containsExactly(1L);
        assertThat(last.get("hasMore")).isEqualTo(false);

        long third = sent.get(2).sentTime();
        List<Long> sentBefore = sent.stream().filter(r -> r.sentTime() < third).map(SendResult::seq)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(seqs(query(Map.of("conversationType", 1, "targetId", "amy", "beforeTime", third, "limit", 10))))
                .containsExactlyElementsOf(sentBefore);
        // groups are served, but only to members
        assertThatThrownBy(() -> query(Map.of("conversationType", 3, "targetId", "team")))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ImClientException.class)
                .hasMessageContaining("22406");
    }

    @Test
    void theV3QueryReturnsATimeRange() throws Exception {
        long first = sent.get(0).sentTime();
        long last = sent.get(4).sentTime();
        JsonNode all = postJson("/v3/message/private/query.json", Map.of("userId", "bo", "targetId", "amy",
                "startTime", first, "endTime", last, "pageSize", 100, "includeStart", true));
        assertThat(all.get("code").asInt()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        all.get("data").forEach(item -> uids.add(item.get("messageUID").asText()));
        assertThat(uids).containsExactlyElementsOf(sent.stream().map(SendResult::messageUid).toList());
        assertThat(all.get("data").get(0).get("targetId").asText()).isEqualTo("amy");
        assertThat(all.get("data").get(0).get("msgTime").isNumber()).isTrue();

        JsonNode later = postJson("/v3/message/private/query.json", Map.of("userId", "bo", "targetId", "amy",
                "startTime", first, "endTime", last, "pageSize", 100, "includeStart", false));
        assertThat(later.get("data").size()).isEqualTo((int) sent.stream().filter(r -> r.sentTime() > first).count());
        JsonNode group = postJson("/v3/message/group/query.json", Map.of("userId", "bo", "targetId", "nobody-group",
                "startTime", 0, "endTime", last));
        assertThat(group.get("data").size()).isZero();
    }

    @Test
    void theHourlyFileIsDownloadableFromTheReturnedUrlUntilDeleted() throws Exception {
        String date = DateTimeFormatter.ofPattern("uuuuMMddHH").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(sent.get(0).sentTime()));
        JsonNode answer = parley.serverApi().post("/message/history.json", "date", date).body();
        assertThat(answer.get("code").asInt()).isEqualTo(200);
        assertThat(answer.get("date").asText()).isEqualTo(date);
        String url = answer.get("url").asText();
        assertThat(url).startsWith(parley.baseUrl() + "/history/files/" + date + ".zip?");

        HttpResponse<byte[]> download = get(url);
        assertThat(download.statusCode()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo(date + ".txt");
            for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).extracting(line -> line.get("msgUID").asText())
                .containsAll(sent.stream().map(SendResult::messageUid).toList());
        assertThat(lines.get(0).get("fromUserId").asText()).isEqualTo("amy");
        assertThat(lines.get(0).get("classname").asText()).isEqualTo("RC:TxtMsg");

        assertThat(get(url.replaceAll("sig=[0-9a-f]{4}", "sig=0000")).statusCode()).isEqualTo(401);
        assertThat(parley.serverApi().post("/message/history/delete.json", "date", date).code()).isEqualTo(200);
        assertThat(get(url).statusCode()).isEqualTo(404);
        assertThat(parley.serverApi().post("/message/history.json", "date", "2014010101").code()).isEqualTo(1002);
    }

    @Test
    void linksNameTheConfiguredBaseUrlAndFilesAreKeptInTheConfiguredFolder() throws Exception {
        Path files = dir.resolve("hourly");
        try (EmbeddedParley proxied = EmbeddedParley.start(dir.resolve("proxied"), "history.base-url",
                "https://im.example.com/", "history.dir", files.toString(), "history.zone", "Asia/Shanghai")) {
            DateTimeFormatter hour = DateTimeFormatter.ofPattern("uuuuMMddHH")
                    .withZone(java.time.ZoneId.of("Asia/Shanghai"));
            String date;
            String hourBefore;
            do { // a message sent in the hour that is named (again, if the hour turned while it was sent)
                hourBefore = hour.format(Instant.now());
                assertThat(proxied.serverApi().post("/message/private/publish.json", "fromUserId", "amy", "toUserId",
                        "bo", "objectName", "RC:TxtMsg", "content", "{\"content\":\"hi\"}").code()).isEqualTo(200);
                date = hour.format(Instant.now());
            } while (!date.equals(hourBefore));
            String url = proxied.serverApi().post("/message/history.json", "date", date).body().get("url").asText();
            assertThat(url).startsWith("https://im.example.com/history/files/" + date + ".zip?expires=");
            assertThat(files.resolve(date + ".zip")).isRegularFile();
            HttpResponse<byte[]> download = get(url.replace("https://im.example.com", proxied.baseUrl()));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("content-type")).hasValue("application/zip");
        }
    }

    @Test
    void cleaningAConversationRemovesItsHistory() throws Exception {
        assertThat(parley.serverApi().post("/conversation/message/history/clean.json", "conversationType", "1",
                "fromUserId", "amy", "targetId", "bo", "msgTimestamp", String.valueOf(sent.get(1).sentTime()))
                .code()).isEqualTo(200);
        List<Long> kept = sent.stream().filter(r -> r.sentTime() > sent.get(1).sentTime()).map(SendResult::seq)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(seqs(query(Map.of("conversationType", 1, "targetId", "amy", "limit", 10))))
                .containsExactlyElementsOf(kept);
        assertThat(parley.serverApi().post("/conversation/message/history/clean.json", "conversationType", "1",
                "fromUserId", "bo", "targetId", "amy").code()).isEqualTo(200);
        assertThat(seqs(query(Map.of("conversationType", 1, "targetId", "amy")))).isEmpty();
        assertThat(amy.sendPrivate("bo", "RC:TxtMsg", "{\"content\":\"again\"}").join().seq()).isEqualTo(6);
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode postJson(String path, Map<String, Object> body) throws Exception {
        String nonce = String.valueOf(System.nanoTime());
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((parley.appSecret() + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(parley.baseUrl() + path))
                .header("App-Key", parley.appKey()).header("Nonce", nonce).header("Timestamp", timestamp)
                .header("Signature", signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
