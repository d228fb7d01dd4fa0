package io.parley.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutgoingMessageTest {

    private static OutgoingMessage directed() {
        return new OutgoingMessage(ConversationType.GROUP, "alice", "g1", "RC:TxtMsg", "hi", Optional.of("push"),
                Optional.of("data"), true, false, true, "c-1", Optional.of(Platform.ANDROID), List.of("bob"), true);
    }

    @Test
    void withContentKeepsEverythingElseDirectedRecipientsAndDisablePushIncluded() {
        OutgoingMessage changed = directed().withContent("***");

        assertThat(changed.content()).isEqualTo("***");
        assertThat(changed).usingRecursiveComparison().ignoringFields("content").isEqualTo(directed());
    }

    @Test
    void withContentAndPushTextKeepsEverythingElse() {
        OutgoingMessage changed = directed().withContent("***", Optional.empty());

        assertThat(changed.content()).isEqualTo("***");
        assertThat(changed.pushContent()).isEmpty();
        assertThat(changed).usingRecursiveComparison().ignoringFields("content", "pushContent").isEqualTo(directed());
    }

    @Test
    void withDisablePushChangesOnlyThat() {
        OutgoingMessage allowed = directed().withDisablePush(false);

        assertThat(allowed.disablePush()).isFalse();
        assertThat(allowed).usingRecursiveComparison().ignoringFields("disablePush").isEqualTo(directed());
    }

    @Test
    void theShortConstructorsSendToEveryoneWithPushAllowed() {
        OutgoingMessage message = new OutgoingMessage(ConversationType.PRIVATE, "alice", "bob", "RC:TxtMsg", "hi",
                Optional.empty(), Optional.empty(), true, true, true, "c-2", Optional.empty());

        assertThat(message.directedTo()).isEmpty();
        assertThat(message.disablePush()).isFalse();
        assertThat(message.fromServerApi()).isTrue();
        assertThat(directed().fromServerApi()).isFalse();
    }

    @Test
    void theDirectedListIsACopy() {
        List<String> members = new java.util.ArrayList<>(List.of("bob"));
        OutgoingMessage message = new OutgoingMessage(ConversationType.GROUP, "alice", "g1", "RC:TxtMsg", "hi",
                Optional.empty(), Optional.empty(), true, true, true, "c-3", Optional.empty(), members);

        members.add("carol");

        assertThat(message.directedTo()).containsExactly("bob");
    }
}
