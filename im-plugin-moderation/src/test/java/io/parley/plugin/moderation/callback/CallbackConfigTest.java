package io.parley.plugin.moderation.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationType;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackConfigTest {
    @Test
    void filtersByConversationTypeMessageTypeAndSource() {
        CallbackConfig config = new CallbackConfig(Optional.of(URI.create("http://127.0.0.1/cb")), Duration.ofSeconds(3),
                true, Set.of(ConversationType.PRIVATE, ConversationType.GROUP), Set.of("RC:TxtMsg"), false);

        assertThat(config.covers(ConversationType.PRIVATE, "RC:TxtMsg", false)).isTrue();
        assertThat(config.covers(ConversationType.GROUP, "RC:TxtMsg", false)).isTrue();
        assertThat(config.covers(ConversationType.CHATROOM, "RC:TxtMsg", false)).isFalse();
        assertThat(config.covers(ConversationType.PRIVATE, "RC:ImgMsg", false)).isFalse();
        assertThat(config.covers(ConversationType.PRIVATE, "RC:TxtMsg", true)).isFalse();
    }

    @Test
    void channelTypesAreRongClouds() {
        assertThat(ConversationType.PRIVATE.channelType()).isEqualTo("PERSON");
        assertThat(ConversationType.GROUP.channelType()).isEqualTo("GROUP");
        assertThat(ConversationType.CHATROOM.channelType()).isEqualTo("TEMPGROUP");
    }
}
