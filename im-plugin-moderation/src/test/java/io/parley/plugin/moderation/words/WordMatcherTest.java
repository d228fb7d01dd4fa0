package io.parley.plugin.moderation.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordMatcherTest {
    private static final TextNormalizer EXACT = new TextNormalizer(false, false, false);

    private static List<String> found(WordMatcher matcher, String text) {
        return matcher.scan(text).stream().map(hit -> text.substring(hit.start(), hit.end())).toList();
    }

    @Test
    void findsEveryOverlappingWordInOnePass() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.replace("he", "*"), SensitiveWord.replace("she", "*"),
                SensitiveWord.replace("his", "*"), SensitiveWord.replace("hers", "*")), EXACT);

        assertThat(found(matcher, "ushers")).containsExactlyInAnyOrder("she", "he", "hers");
        assertThat(found(matcher, "this is his")).containsExactlyInAnyOrder("his", "his");
        assertThat(found(matcher, "nothing here? no")).containsExactly("he");
        assertThat(found(matcher, "clean text")).isEmpty();
    }

    @Test
    void aBlockWordStopsTheScanAndIsReportedAlone() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.replace("darn", "****"),
                SensitiveWord.block("forbidden")), EXACT);

        List<WordHit> hits = matcher.scan("darn, this is forbidden, darn");
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.word().word()).isEqualTo("forbidden");
            assertThat(hit.start()).isEqualTo(14);
            assertThat(hit.end()).isEqualTo(23);
        });
    }

    @Test
    void normalisationCatchesCaseWidthAndInsertedSeparators() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.block("bad word"), SensitiveWord.block("坏蛋")),
                TextNormalizer.defaults());

        for (String evasion : List.of("BadWord", "ＢＡＤ ＷＯＲＤ", "b a d w o r d", "b.a-d_w*o!r,d", "bad\u200Bword",
                "b\u3000adword", "坏 蛋", "坏。蛋", "坏！蛋")) {
            assertThat(matcher.scan("well " + evasion + " then")).as(evasion).hasSize(1);
        }
        assertThat(matcher.scan("bad luck, word up")).as("letters between the parts").isEmpty();
        assertThat(matcher.scan("坏人 蛋糕")).isEmpty();

        WordMatcher exact = WordMatcher.build(List.of(SensitiveWord.block("badword")), EXACT);
        assertThat(exact.scan("BADWORD")).isEmpty();
        assertThat(exact.scan("b a d w o r d")).isEmpty();
        assertThat(exact.scan("ｂａｄｗｏｒｄ")).isEmpty();
        assertThat(exact.scan("a badword")).hasSize(1);
    }

    @Test
    void aReplacementCoversWhatTheUserTypedSeparatorsIncluded() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.replace("darn", "****"),
                SensitiveWord.replace("傻瓜", "**")), TextNormalizer.defaults());

        String text = "oh D.A.R.N it, 傻 瓜!";
        assertThat(WordMatcher.replace(text, matcher.scan(text))).isEqualTo("oh **** it, **!");
    }

    @Test
    void overlappingReplacementsAreResolvedLeftmostLongest() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.replace("abc", "[abc]"),
                SensitiveWord.replace("bcd", "[bcd]"), SensitiveWord.replace("ab", "[ab]")), EXACT);

        String text = "xabcdx";
        assertThat(WordMatcher.replace(text, matcher.scan(text))).isEqualTo("x[abc]dx");
    }

    @Test
    void duplicatesAfterNormalisationCountOnceAndBlockWins() {
        WordMatcher matcher = WordMatcher.build(List.of(SensitiveWord.replace("Spam", "****"), SensitiveWord.block("SPAM"),
                SensitiveWord.replace("spam", "xxxx")), TextNormalizer.defaults());

        assertThat(matcher.size()).isEqualTo(1);
        assertThat(matcher.scan("spam")).singleElement().satisfies(hit -> assertThat(hit.word().isBlock()).isTrue());
        assertThat(WordMatcher.empty(TextNormalizer.defaults()).scan("anything")).isEmpty();
    }

    @Test
    void agreesWithANaiveSearchOnRandomTexts() {
        Random random = new Random(42);
        String alphabet = "abcde 好坏人.";
        Set<String> words = new HashSet<>();
        while (words.size() < 300) {
            words.add(randomText(random, "abcde好坏人", 1 + random.nextInt(5)));
        }
        List<SensitiveWord> list = words.stream().map(word -> SensitiveWord.replace(word, "*")).toList();
        WordMatcher matcher = WordMatcher.build(list, EXACT);
        for (int round = 0; round < 500; round++) {
            String text = randomText(random, alphabet, random.nextInt(60));
            List<String> expected = new ArrayList<>();
            for (int start = 0; start < text.length(); start++) {
                for (int end = start + 1; end <= text.length(); end++) {
                    if (words.contains(text.substring(start, end))) {
                        expected.add(start + ":" + end);
                    }
                }
            }
            List<String> actual = matcher.scan(text).stream().map(hit -> hit.start() + ":" + hit.end()).toList();
            assertThat(actual).as(text).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void fiftyThousandWordsAreEachFound() {
        List<SensitiveWord> words = new ArrayList<>();
        Random random = new Random(7);
        Set<String> seen = new HashSet<>();
        while (words.size() < 50_000) {
            String word = randomText(random, "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严", 2 + random.nextInt(4));
            if (seen.add(word)) {
                words.add(SensitiveWord.replace(word, "**"));
            }
        }
        WordMatcher matcher = WordMatcher.build(words, TextNormalizer.defaults());

        assertThat(matcher.size()).isEqualTo(50_000);
        for (SensitiveWord word : words) {
            String text = "前" + word.word() + "后";
            assertThat(matcher.scan(text)).as(word.word())
                    .contains(new WordHit(1, 1 + word.word().length(), word));
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
