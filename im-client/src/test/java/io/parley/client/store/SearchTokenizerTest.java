package io.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTokenizerTest {

    @Test
    void foldingDropsAccentsAndCaseAndWidth() {
        assertThat(TextFolding.fold("Café CRÈME")).isEqualTo("cafe creme");
        assertThat(TextFolding.fold("Ｆｕｌｌ　ｗｉｄｔｈ")).isEqualTo("full width");
        assertThat(TextFolding.fold("Straße Øre")).isEqualTo("straße øre");
        assertThat(TextFolding.fold(null)).isEmpty();
    }

    @Test
    void foldingKeepsTheVoicingOfKana() {
        assertThat(TextFolding.fold("がっこう")).isEqualTo("がっこう");
        assertThat(TextFolding.fold("ガッコウ")).isEqualTo("ガッコウ");
        // half-width katakana with a separate voicing mark becomes the composed full-width syllable
        assertThat(TextFolding.fold("ｶﾞｯｺｳ")).isEqualTo("ガッコウ");
    }

    @Test
    void latinTextIsCutIntoWords() {
        assertThat(SearchTokenizer.indexTokens(TextFolding.fold("Meet at the café, 10:30!")))
                .containsExactly("meet", "at", "the", "cafe", "10", "30");
    }

    @Test
    void cjkRunsGiveUnigramsAndBigramsForTheIndex() {
        assertThat(SearchTokenizer.indexTokens("东京都")).containsExactlyInAnyOrder("东", "京", "都", "东京", "京都");
    }

    @Test
    void aCjkQueryOfTwoOrMoreCharactersUsesBigramsOnly() {
        assertThat(SearchTokenizer.queryTokens("东京都")).containsExactly("东京", "京都");
        assertThat(SearchTokenizer.queryTokens("京")).containsExactly("京");
    }

    @Test
    void mixedScriptsSplitWhereTheScriptChanges() {
        assertThat(SearchTokenizer.indexTokens(TextFolding.fold("iPhone手机")))
                .containsExactlyInAnyOrder("iphone", "手", "机", "手机");
        assertThat(SearchTokenizer.indexTokens("ラーメン")).contains("ラー", "ーメ", "メン");
    }

    @Test
    void queryTermsAreFoldedAndSplitAtWhitespace() {
        assertThat(SearchTokenizer.queryTerms("  Café   Crème ")).containsExactly("cafe", "creme");
        assertThat(SearchTokenizer.queryTerms("   ")).isEmpty();
    }

    @Test
    void searchableTextComesFromTheFieldsOfTheType() {
        assertThat(SearchableText.of("RC:TxtMsg", "{\"content\":\"hello\",\"extra\":\"secret\"}")).isEqualTo("hello");
        assertThat(SearchableText.of("RC:FileMsg", "{\"name\":\"report.pdf\",\"fileUrl\":\"https://x\"}"))
                .isEqualTo("report.pdf");
        assertThat(SearchableText.of("RC:ImgTextMsg", "{\"title\":\"News\",\"content\":\"today\"}"))
                .isEqualTo("News\ntoday");
        assertThat(SearchableText.of("RC:ImgMsg", "{\"content\":\"base64\"}")).isEmpty();
        assertThat(SearchableText.of("RC:TxtMsg", "not json")).isEmpty();
    }
}
