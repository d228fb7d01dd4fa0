package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.connect;
import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static io.parley.plugin.moderation.e2e.Clients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.plugin.moderation.e2e.Clients.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.PrivateMessage;
import io.rong.models.response.ListWordfilterResult;
import io.rong.models.sensitiveword.SensitiveWordModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensitive words through RongCloud's server SDK, a word-list file and real client devices. */
class SensitiveWordsTest {
    @TempDir
    static Path dir;

    static Path wordFile;
    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() throws Exception {
        wordFile = dir.resolve("words.txt");
        Files.writeString(wordFile, "# words from a file\nfilebad\n", StandardCharsets.UTF_8);
        server = EmbeddedParley.start(dir.resolve("data"), "moderation.words.file", wordFile.toString(),
                "moderation.words.reload-interval", "100ms", "moderation.rate.client.per-second", "1000",
                "moderation.rate.client.burst", "1000");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBlockWordIsRejectedWith21501AndNothingIsDelivered() throws Exception {
        assertThat(rongCloud.sensitiveword.add(new SensitiveWordModel().setType(1).setKeyword("forbidden")).getCode())
                .isEqualTo(200);
        try (Device alice = connect(server, "block-alice"); Device bob = connect(server, "block-bob")) {
            assertThat(outcome(alice.client().sendPrivate("block-bob", "RC:TxtMsg", text("this is forbidden"))))
                    .isEqualTo(21501);
            assertThat(outcome(alice.client().sendPrivate("block-bob", "RC:TxtMsg", text("hello")))).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).content()).isEqualTo(text("hello"));
            assertThat(bob.inbox().get(0).seq()).as("the blocked message took no seq").isEqualTo(1);
        }
        PrivateMessage fromApp = new PrivateMessage().setSenderId("app-bot").setTargetId(new String[] {"block-bob"})
                .setObjectName("RC:TxtMsg").setContent(new TxtMessage("forbidden from the app", ""));
        assertThat(rongCloud.message.msgPrivate.send(fromApp).getCode()).isEqualTo(21501);
    }

    @Test
    void aReplaceWordIsDeliveredReplaced() throws Exception {
        assertThat(rongCloud.sensitiveword.add(new SensitiveWordModel().setType(0).setKeyword("darn").setReplace("****"))
                .getCode()).isEqualTo(200);
        try (Device alice = connect(server, "replace-alice"); Device bob = connect(server, "replace-bob")) {
            assertThat(outcome(alice.client().sendPrivate("replace-bob", "RC:TxtMsg", text("Darn it, d a r n!")))).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).content()).isEqualTo(text("**** it, ****!"));
        }
    }

    @Test
    void normalisationCatchesCaseWidthAndInsertedSeparators() throws Exception {
        rongCloud.sensitiveword.add(new SensitiveWordModel().setType(1).setKeyword("badword"));
        try (Device alice = connect(server, "norm-alice"); Device bob = connect(server, "norm-bob")) {
            for (String evasion : new String[] {"BadWord", "ＢＡＤ ＷＯＲＤ", "b.a.d w-o-r-d", "b_a_d\u200Bword"}) {
                assertThat(outcome(alice.client().sendPrivate("norm-bob", "RC:TxtMsg", text("say " + evasion))))
                        .as(evasion).isEqualTo(21501);
            }
            assertThat(outcome(alice.client().sendPrivate("norm-bob", "RC:TxtMsg", text("bad luck, word up")))).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
        }
    }

    @Test
    void theWordListFileReloadsWithoutARestart() throws Exception {
        try (Device alice = connect(server, "file-alice")) {
            assertThat(outcome(alice.client().sendPrivate("file-bob", "RC:TxtMsg", text("filebad")))).isEqualTo(21501);
            assertThat(outcome(alice.client().sendPrivate("file-bob", "RC:TxtMsg", text("newbad")))).isZero();

            Files.writeString(wordFile, "newbad\nfileword => [x]\n", StandardCharsets.UTF_8);

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    outcome(alice.client().sendPrivate("file-bob", "RC:TxtMsg", text("newbad"))) == 21501);
            assertThat(outcome(alice.client().sendPrivate("file-bob", "RC:TxtMsg", text("filebad")))).isZero();
        }
    }

    @Test
    void wordsAreListedAndDeletedThroughTheSdk() throws Exception {
        rongCloud.sensitiveword.add(new SensitiveWordModel().setType(1).setKeyword("listblock"));
        rongCloud.sensitiveword.add(new SensitiveWordModel().setType(0).setKeyword("listswap").setReplace("~"));

        ListWordfilterResult all = rongCloud.sensitiveword.getList(null);
        assertThat(all.getCode()).isEqualTo(200);
        assertThat(all.getWords()).anySatisfy(word -> {
            assertThat(word.getKeyword()).isEqualTo("listblock");
            assertThat(word.getType()).isEqualTo(1);
        }).anySatisfy(word -> {
            assertThat(word.getKeyword()).isEqualTo("listswap");
            assertThat(word.getType()).isZero();
            assertThat(word.getReplace()).isEqualTo("~");
        });
        assertThat(rongCloud.sensitiveword.getList(1).getWords()).extracting(SensitiveWordModel::getKeyword)
                .contains("listblock").doesNotContain("listswap");

        assertThat(rongCloud.sensitiveword.remove("listblock").getCode()).isEqualTo(200);
        assertThat(rongCloud.sensitiveword.batchDelete(new String[] {"listswap"}).getCode()).isEqualTo(200);
        assertThat(rongCloud.sensitiveword.getList(null).getWords()).extracting(SensitiveWordModel::getKeyword)
                .doesNotContain("listblock", "listswap");
        try (Device alice = connect(server, "list-alice")) {
            assertThat(outcome(alice.client().sendPrivate("list-bob", "RC:TxtMsg", text("listblock")))).isZero();
        }
    }

    @Test
    void aJsonBatchAddTakesEffectAndSurvivesARestart() throws Exception {
        ServerApiClient.Answer added = Clients.postJson(server, "/sensitiveword/batch/add.json",
                "{\"words\":[{\"word\":\"batchbad\"},{\"word\":\"batchswap\",\"replaceWord\":\"#\"}]}");
        assertThat(added.code()).isEqualTo(200);
        assertThat(added.body().path("remainQuota").isInt()).isTrue();

        server.restart();

        try (Device alice = connect(server, "batch-alice"); Device bob = connect(server, "batch-bob")) {
            assertThat(outcome(alice.client().sendPrivate("batch-bob", "RC:TxtMsg", text("batchbad")))).isEqualTo(21501);
            assertThat(outcome(alice.client().sendPrivate("batch-bob", "RC:TxtMsg", text("a batchswap")))).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 1);
            assertThat(bob.inbox().get(0).content()).isEqualTo(text("a #"));
        }
        assertThat(Clients.postJson(server, "/sensitiveword/batch/add.json", "{\"words\":[]}").code()).isEqualTo(1002);
    }
}
