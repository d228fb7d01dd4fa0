package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.rongcloud.RongCloudSignature;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.testkit.ServerApiClient.Answer;
import io.parley.testkit.ServerApiClient.Signing;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed server-API request is served once: sent again with the same Nonce, Timestamp and Signature, whatever its
 * body, it is refused with RongCloud's signature error (HTTP 401, code 1004) and changes nothing. A blank nonce is
 * refused the same way. A node that cannot remember another request refuses it as rate-limited (429, 1008) and
 * forgets none of those it remembers.
 */
class ServerApiReplayTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir);
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static double refused(EmbeddedParley node, String reason) {
        return node.server().meterRegistry().get("im.server_api.nonces.refused").tag("reason", reason).counter().count();
    }

    @Test
    void aReplayedRequestIsRefusedWith1004EvenWithAnotherBodyAndChangesNothing() {
        Signing signing = api.sign(fresh());
        Answer first = api.postWith("/user/getToken.json",
                ServerApiClient.form("userId", "replay-alice", "name", "Alice"), signing);
        double replaysBefore = refused(server, "replayed");

        Answer replay = api.postWith("/user/getToken.json",
                ServerApiClient.form("userId", "replay-alice", "name", "Mallory"), signing);
        Answer sameBodyAgain = api.postWith("/user/getToken.json",
                ServerApiClient.form("userId", "replay-alice", "name", "Alice"), signing);

        assertThat(first.code()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo(1004);
        assertThat(replay.body().path("errorMessage").asText()).contains("already used");
        assertThat(sameBodyAgain.code()).isEqualTo(1004);
        assertThat(refused(server, "replayed")).isEqualTo(replaysBefore + 2);
        Answer info = api.post("/user/info.json", "userId", "replay-alice");
        assertThat(info.body().path("userName").asText()).as("the replay changed nothing").isEqualTo("Alice");
    }

    @Test
    void aSignatureMovedBetweenNonceAndTimestampIsStillAReplay() {
        // "…0" + "T" and "…" + "0T" are one string to sign, and "0T" is the same time as "T"
        Signing signing = api.sign(fresh() + "0");
        Signing shifted = new Signing(signing.nonce().substring(0, signing.nonce().length() - 1),
                "0" + signing.timestamp(), signing.signature());

        Answer first = api.postWith("/user/getToken.json", ServerApiClient.form("userId", "shift-bob"), signing);
        Answer moved = api.postWith("/user/getToken.json", ServerApiClient.form("userId", "shift-mallory"), shifted);

        assertThat(first.code()).isEqualTo(200);
        assertThat(moved.status()).isEqualTo(401);
        assertThat(moved.code()).isEqualTo(1004);
    }

    @Test
    void aNonceUsedAgainWithANewTimestampIsANewRequest() {
        String nonce = fresh();
        Signing first = api.sign(nonce);
        String nextSecond = Long.toString(Long.parseLong(first.timestamp()) + 1);
        Signing later = new Signing(nonce, nextSecond, RongCloudSignature.sign(server.appSecret(), nonce, nextSecond));

        assertThat(api.postWith("/user/getToken.json", ServerApiClient.form("userId", "n1"), first).code())
                .isEqualTo(200);
        assertThat(api.postWith("/user/getToken.json", ServerApiClient.form("userId", "n2"), later).code())
                .as("a nonce from a small random range may come again; only the same signed request is a replay")
                .isEqualTo(200);
    }

    @Test
    void aBlankNonceIsRefusedWith1004() {
        for (String blank : new String[] {"", " "}) {
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            Signing signing = new Signing(blank, timestamp, RongCloudSignature.sign(server.appSecret(), blank, timestamp));

            Answer answer = api.postWith("/user/getToken.json", ServerApiClient.form("userId", "blank"), signing);

            assertThat(answer.status()).as("nonce '%s'", blank).isEqualTo(401);
            assertThat(answer.code()).isEqualTo(1004);
            assertThat(answer.body().path("errorMessage").asText()).contains("Nonce");
        }
    }

    @Test
    void aNodeThatCannotRememberMoreRefusesWith1008AndForgetsNone(@TempDir Path otherDir) {
        int capacity = 3;
        try (EmbeddedParley small = EmbeddedParley.start(otherDir, "server-api.max-nonces", String.valueOf(capacity))) {
            ServerApiClient smallApi = small.serverApi();
            Signing firstSigning = smallApi.sign(fresh());
            assertThat(smallApi.postWith("/user/getToken.json", ServerApiClient.form("userId", "s0"), firstSigning)
                    .code()).isEqualTo(200);
            for (int i = 1; i < capacity; i++) {
                assertThat(smallApi.post("/user/getToken.json", "userId", "s" + i).code()).isEqualTo(200);
            }

            Answer over = smallApi.post("/user/getToken.json", "userId", "over");
            Answer replayOfFirst = smallApi.postWith("/user/getToken.json", ServerApiClient.form("userId", "s0"),
                    firstSigning);

            assertThat(over.status()).isEqualTo(429);
            assertThat(over.code()).isEqualTo(1008);
            assertThat(replayOfFirst.code()).as("the first request is still remembered").isEqualTo(1004);
            assertThat(refused(small, "full")).isEqualTo(1);
            assertThat(small.server().meterRegistry().get("im.server_api.nonces.remembered").gauge().value())
                    .isEqualTo(capacity);
        }
    }
}
