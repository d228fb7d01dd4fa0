package io.parley.bench.jmh.moderation;

import io.parley.plugin.moderation.words.SensitiveWord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Deterministic word lists and chat text for the moderation benchmarks. */
final class WordCorpus {
    /** Exactly this many UTF-8 bytes of chat text, so that JMH's ops/s reads as bytes/s. */
    static final int TEXT_BYTES = 1_000_000;

    private static final String[] LINES = {
        "好的，我们明天下午三点在公司楼下见面吧",
        "今天天气不错，要不要一起去公园散步？",
        "hey, are you coming to the meeting at 3pm? bring the slides please",
        "收到，我这边马上处理一下，稍等几分钟",
        "lol that was hilarious 😂 send me the video later",
        "这个价格有点贵，能不能再便宜一点呢？",
        "Can you check the order #20391? The customer says it never arrived.",
        "周末有空吗？新开了一家火锅店，听说味道很好",
        "ok thanks! talk tomorrow",
        "我已经把文件发到你的邮箱了，请查收一下",
    };

    private WordCorpus() {
    }

    /** {@code count} distinct words: 70% Chinese (2–4 CJK chars), 30% English (4–9 letters); one in five is a block word. */
    static List<SensitiveWord> words(int count) {
        Random random = new Random(20_240_601);
        Set<String> seen = new HashSet<>();
        List<SensitiveWord> words = new ArrayList<>(count);
        while (words.size() < count) {
            StringBuilder word = new StringBuilder();
            if (random.nextInt(10) < 7) {
                int length = 2 + random.nextInt(3);
                for (int i = 0; i < length; i++) {
                    word.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
                }
            } else {
                int length = 4 + random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
            }
            if (seen.add(word.toString())) {
                words.add(random.nextInt(5) == 0 ? SensitiveWord.block(word.toString())
                        : SensitiveWord.replace(word.toString(), "***"));
            }
        }
        return words;
    }

    /** Chat messages totalling exactly {@link #TEXT_BYTES} UTF-8 bytes, with a listed word in about one in 50. */
    static String[] messages(List<SensitiveWord> words) {
        Random random = new Random(7);
        List<String> messages = new ArrayList<>();
        int bytes = 0;
        while (bytes < TEXT_BYTES) {
            String line = LINES[random.nextInt(LINES.length)];
            if (random.nextInt(50) == 0) {
                line = line + " " + words.get(random.nextInt(words.size())).word();
            }
            int size = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > TEXT_BYTES) {
                line = " ".repeat(TEXT_BYTES - bytes);
                size = line.length();
            }
            messages.add(line);
            bytes += size;
        }
        return messages.toArray(String[]::new);
    }
}
