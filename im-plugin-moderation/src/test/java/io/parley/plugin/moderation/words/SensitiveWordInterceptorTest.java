package io.parley.plugin.moderation.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.plugin.moderation.CountingMetrics;
import io.parley.plugin.moderation.InMemoryMetadata;
import io.parley.plugin.moderation.Messages;
import io.parley.plugin.moderation.common.ModerationErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveWordInterceptorTest {
    private final CountingMetrics metrics = new CountingMetrics();

    private SensitiveWordInterceptor interceptor(Set<String> objectNames, Set<String> fields) {
        WordsConfig config = new WordsConfig(Optional.empty(), Duration.ofSeconds(10), objectNames, fields,
                TextNormalizer.defaults(), 100, true);
        WordStore store = new WordStore(new InMemoryMetadata(), config);
        store.add(List.of(SensitiveWord.block("forbidden"), SensitiveWord.replace("darn", "****")));
        return new SensitiveWordInterceptor(store, config, metrics);
    }

    @Test
    void everyStringFieldAtAnyDepthAndThePushTextAreChecked() {
        SensitiveWordInterceptor words = interceptor(Set.of("RC:TxtMsg"), Set.of("*"));

        Decision nested = words.decide(Messages.text("a", "b", "{\"content\":\"hi\",\"user\":{\"name\":\"Forbidden one\"}}"));
        assertThat(nested).isInstanceOf(Decision.Reject.class);
        assertThat(((Decision.Reject) nested).code()).isEqualTo(ModerationErrorCode.SENSITIVE_SHIELD);

        Decision replaced = words.decide(Messages.text("a", "b", "{\"content\":\"darn\",\"extra\":[\"darn\",1],\"n\":2.5}"));
        assertThat(((Decision.Replace) replaced).message().content())
                .isEqualTo("{\"content\":\"****\",\"extra\":[\"****\",1],\"n\":2.5}");

        OutgoingMessage withPush = Messages.text("a", "b", "{\"content\":\"ok\"}");
        withPush = new OutgoingMessage(withPush.conversationType(), "a", "b", "RC:TxtMsg", withPush.content(),
                Optional.of("darn push"), Optional.empty(), true, true, false, "c1", withPush.source());
        Decision push = words.decide(withPush);
        assertThat(((Decision.Replace) push).message().pushContent()).contains("**** push");
        assertThat(((Decision.Replace) push).message().content()).isEqualTo("{\"content\":\"ok\"}");

        assertThat(words.decide(Messages.text("a", "b", "not json but forbidden"))).isInstanceOf(Decision.Reject.class);
        assertThat(words.decide(Messages.text("a", "b", "{\"content\":\"clean\"}"))).isEqualTo(Decision.proceed());
        assertThat(metrics.count("im.moderation.words.hits", "action", "block")).isEqualTo(2);
        assertThat(metrics.count("im.moderation.words.hits", "action", "replace")).isEqualTo(2);
    }

    @Test
    void onlyTheConfiguredTypesAndFieldsAreChecked() {
        SensitiveWordInterceptor words = interceptor(Set.of("RC:TxtMsg"), Set.of("content"));

        assertThat(words.decide(Messages.text("a", "b", "{\"content\":\"ok\",\"extra\":\"forbidden\"}")))
                .isEqualTo(Decision.proceed());
        assertThat(words.decide(Messages.text("a", "b", "{\"content\":\"forbidden\"}"))).isInstanceOf(Decision.Reject.class);
        assertThat(words.decide(Messages.fromClient(io.parley.api.model.ConversationType.PRIVATE, "a", "b", "RC:ImgMsg",
                "{\"content\":\"forbidden\"}"))).isEqualTo(Decision.proceed());
    }

    @Test
    void theServerApiLimitsTheNumberOfWords() {
        WordsConfig config = new WordsConfig(Optional.empty(), Duration.ofSeconds(10), Set.of("*"), Set.of("*"),
                TextNormalizer.defaults(), 2, true);
        WordStore store = new WordStore(new InMemoryMetadata(), config);
        assertThat(store.add(List.of(SensitiveWord.block("one")))).isEqualTo(1);
        assertThat(store.add(List.of(SensitiveWord.replace("one", "1"), SensitiveWord.block("two")))).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.add(List.of(SensitiveWord.block("three"))))
                .satisfies(error -> assertThat(((io.parley.api.error.ImException) error).code()).isEqualTo(1019));
    }
}
