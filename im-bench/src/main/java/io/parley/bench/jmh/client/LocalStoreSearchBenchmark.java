package io.parley.bench.jmh.client;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import io.parley.client.store.ConversationId;
import io.parley.client.store.LocalStore;
import io.parley.client.store.LocalStores;
import io.parley.client.store.SearchPage;
import io.parley.client.store.SearchQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search in the Java SDK's local store ({@code LocalStores.mapDb}, a MapDB file): {@value #MESSAGES} stored messages
 * in {@value #CONVERSATIONS} conversations (half private chats, half groups), half of them Chinese and half English,
 * made of common words so that queries hit many messages. Each benchmark asks for the first page of 20, newest first:
 * an English word over all conversations, the same word in one conversation, a two-character Chinese word over all,
 * and two English words that occur together rarely (the index intersects two long posting lists). The target is at
 * most 50 ms a search. Setting up writes the file once per trial and waits for the background indexer (a few
 * minutes). Run:
 * {@code java -jar im-bench/target/parley-bench.jar jmh LocalStoreSearchBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LocalStoreSearchBenchmark {
    static final int MESSAGES = 100_000;
    static final int CONVERSATIONS = 20;
    private static final String[] ENGLISH = ("the a to and of in is it you that for on we with this be are have at "
            + "not can will but so do if what all just about get time like when our one out up go know meeting "
            + "today tomorrow project report team please thanks call lunch dinner send file check update review "
            + "plan week next last good great sure okay let me see new idea price order ship code build test "
            + "release bug fix customer market budget travel hotel flight weather coffee café résumé photo video "
            + "music game weekend office home later soon morning evening night deadline draft slides numbers")
            .split(" ");
    private static final String[] CHINESE = ("我们 今天 明天 会议 项目 报告 时间 问题 已经 可以 需要 一起 晚上 上午 下午 "
            + "客户 市场 预算 出差 酒店 航班 天气 咖啡 照片 视频 音乐 周末 办公室 回家 马上 文件 检查 更新 计划 下周 "
            + "上周 价格 订单 发货 代码 测试 发布 修复 朋友 吃饭 午饭 晚饭 电话 消息 大家 准备 讨论 确认 安排 东京 北京 "
            + "上海 你好 谢谢 没问题 好的 知道 看看 完成 开始 结束").split(" ");

    private Path dir;
    private LocalStore store;
    private ConversationId oneConversation;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("parley-local-store-bench");
        store = LocalStores.mapDb(dir, "bench-app", "me");
        Random random = new Random(42);
        List<ConversationId> conversations = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(i % 2 == 0 ? ConversationId.privateChat("friend" + i) : ConversationId.group("team" + i));
        }
        oneConversation = conversations.get(3);
        long time = 1_700_000_000_000L;
        long inboxSeq = 0;
        List<ReceivedMessage> batch = new ArrayList<>(1000);
        for (int n = 0; n < MESSAGES; n++) {
            ConversationId conversation = conversations.get(random.nextInt(CONVERSATIONS));
            String text = n % 2 == 0 ? english(random) : chinese(random);
            String from = random.nextInt(4) == 0 ? "me" : conversation.type() == ConversationType.PRIVATE
                    ? conversation.targetId() : "member" + random.nextInt(30);
            time += 1 + random.nextInt(5000);
            boolean inbox = conversation.type() == ConversationType.PRIVATE;
            batch.add(new ReceivedMessage(inbox ? ++inboxSeq : 0, conversation.type(), conversation.targetId(), from,
                    "RC:TxtMsg", "{\"content\":\"" + text + "\"}", null, null, "uid-" + n, inbox ? 0 : n + 1, time,
                    null, true, true));
            if (batch.size() == 1000) {
                store.received(batch, SyncPosition.inbox(inboxSeq));
                batch.clear();
            }
        }
        store.received(batch, SyncPosition.inbox(inboxSeq));
        try {
            if (!store.awaitIndexed(Duration.ofMinutes(30))) {
                throw new IllegalStateException("not indexed within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A message of 6–17 common English words. */
    static String english(Random random) {
        return sentence(random, ENGLISH, " ", 6 + random.nextInt(12));
    }

    /** A message of 3–10 common Chinese words (6–20 characters). */
    static String chinese(Random random) {
        return sentence(random, CHINESE, "", 3 + random.nextInt(8));
    }

    private static String sentence(Random random, String[] words, String separator, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.wipe();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Benchmark
    public SearchPage englishWordAllConversations() {
        return store.search(SearchQuery.keyword("meeting").limit(20).build());
    }

    @Benchmark
    public SearchPage englishWordOneConversation() {
        return store.search(SearchQuery.keyword("meeting").in(oneConversation).limit(20).build());
    }

    @Benchmark
    public SearchPage chineseTwoCharactersAllConversations() {
        return store.search(SearchQuery.keyword("会议").limit(20).build());
    }

    @Benchmark
    public SearchPage twoRareTogetherEnglishWordsAllConversations() {
        return store.search(SearchQuery.keyword("budget deadline").limit(20).build());
    }
}
