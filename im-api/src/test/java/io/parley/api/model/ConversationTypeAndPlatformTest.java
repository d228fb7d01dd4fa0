package io.parley.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RongCloud's numbers and names for conversation types, platforms and message kinds, both ways. */
class ConversationTypeAndPlatformTest {

    @Test
    void conversationTypesHaveRongCloudsNumbers() {
        assertThat(ConversationType.fromCode(1)).contains(ConversationType.PRIVATE);
        assertThat(ConversationType.fromCode(3)).contains(ConversationType.GROUP);
        assertThat(ConversationType.fromCode(4)).contains(ConversationType.CHATROOM);
        assertThat(ConversationType.fromCode(6)).contains(ConversationType.SYSTEM);
        assertThat(ConversationType.fromCode(10)).contains(ConversationType.ULTRA_GROUP);
        assertThat(ConversationType.fromCode(2)).isEmpty();
        assertThat(ConversationType.fromCode(0)).isEmpty();
        assertThat(ConversationType.CHATROOM.channelType()).isEqualTo("TEMPGROUP");
        assertThat(ConversationType.PRIVATE.channelType()).isEqualTo("PERSON");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void aPlatformIsReadFromItsEnumNameOrItsWireNameInAnyCase(Platform platform) {
        assertThat(Platform.parse(platform.name())).contains(platform);
        assertThat(Platform.parse(platform.wireName())).contains(platform);
        assertThat(Platform.parse(" " + platform.wireName().toLowerCase(java.util.Locale.ROOT) + " "))
                .contains(platform);
    }

    @ParameterizedTest
    @CsvSource({"ios,IOS", "Websocket,WEB", "mini-program,MINI_PROGRAM", "harmonyos,HARMONY_OS"})
    void theNamesClientsSendAreRead(String text, Platform expected) {
        assertThat(Platform.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "windows", "i os"})
    void anUnknownPlatformIsEmpty(String text) {
        assertThat(Platform.parse(text)).isEmpty();
        assertThat(Platform.parse(null)).isEmpty();
    }

    @Test
    void messageKindsSayWhetherTheyAreStoredAndShown() {
        assertThat(MessageKind.COUNTED.stored()).isTrue();
        assertThat(MessageKind.COUNTED.shown()).isTrue();
        assertThat(MessageKind.STORED.shown()).isTrue();
        assertThat(MessageKind.STATUS.stored()).isFalse();
        assertThat(MessageKind.STATUS.shown()).isFalse();
        assertThat(MessageKind.NOTICE.stored()).isTrue();
        assertThat(MessageKind.NOTICE.shown()).isFalse();
        assertThat(MessageKind.STATUS.flag()).isEqualTo(16);
    }
}
