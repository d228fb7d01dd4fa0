package io.parley.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationKeyTest {

    @Test
    void aPrivateChatHasOneKeyWhicheverSideAsks() {
        ConversationKey fromAlice = ConversationKey.privateChat("alice", "bob");
        ConversationKey fromBob = ConversationKey.privateChat("bob", "alice");

        assertThat(fromAlice).isEqualTo(fromBob);
        assertThat(fromAlice.id()).isEqualTo("alice:bob");
        assertThat(fromAlice.type()).isEqualTo(ConversationType.PRIVATE);
        assertThat(ConversationKey.privateChat("ann", "ann").id()).isEqualTo("ann:ann");
    }

    @ParameterizedTest
    @EnumSource(ConversationType.class)
    void theStringFormParsesBackToTheSameKey(ConversationType type) {
        ConversationKey key = new ConversationKey(type, "team/one:two");

        assertThat(key.asString()).isEqualTo(type.code() + "/team/one:two");
        assertThat(ConversationKey.parse(key.asString())).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "group", "/g1", "3/", "2/g1", "99/g1", "x/g1"})
    void aStringThatIsNoKeyIsRefused(String text) {
        assertThatThrownBy(() -> ConversationKey.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyIdIsRefused() {
        assertThatThrownBy(() -> new ConversationKey(ConversationType.GROUP, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversationKey(null, "g1")).isInstanceOf(NullPointerException.class)
                .hasMessage("type is null");
    }
}
