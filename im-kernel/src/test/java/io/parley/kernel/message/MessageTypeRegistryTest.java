package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTypeRegistryTest {
    private final MessageTypeRegistry registry = new MessageTypeRegistry(List.of());

    private static void assertInvalidMessage(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).errorCode()).isEqualTo(StandardErrorCode.INVALID_MESSAGE))
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(33007));
    }

    @Test
    void builtInTypesHaveRongCloudKinds() {
        assertThat(registry.resolve("RC:TxtMsg").kind()).isEqualTo(MessageKind.COUNTED);
        assertThat(registry.resolve("RC:InfoNtf").kind()).isEqualTo(MessageKind.STORED);
        assertThat(registry.resolve("RC:TypSts").kind()).isEqualTo(MessageKind.STATUS);
    }

    @Test
    void unknownRcTypeIsRefused() {
        assertInvalidMessage(() -> registry.resolve("RC:Foo"));
    }

    @Test
    void customTypeIsAcceptedAsCounted() {
        assertThat(registry.resolve("App:Order")).isEqualTo(new MessageType("App:Order", MessageKind.COUNTED));
    }

    @Test
    void customNameOf32CharactersIsAcceptedAnd33IsRefused() {
        assertThat(registry.resolve("A".repeat(32)).kind()).isEqualTo(MessageKind.COUNTED);
        assertInvalidMessage(() -> registry.resolve("A".repeat(33)));
    }

    @Test
    void blankNameIsRefused() {
        assertInvalidMessage(() -> registry.resolve(" "));
    }

    @Test
    void pluginTypeKeepsItsKind() {
        MessageTypeRegistry withPlugin = new MessageTypeRegistry(List.of(new MessageType("App:Ping", MessageKind.STATUS)));

        assertThat(withPlugin.resolve("App:Ping").kind()).isEqualTo(MessageKind.STATUS);
    }

    @Test
    void pluginTypeRegisteredTwiceWithDifferentKindsIsRefused() {
        List<MessageType> clash = List.of(new MessageType("App:Order", MessageKind.COUNTED),
                new MessageType("App:Order", MessageKind.STATUS));

        assertThatThrownBy(() -> new MessageTypeRegistry(clash))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("App:Order");
    }
}
