package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.event.PushRequested;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.plugin.push.dispatch.PushPolicy;
import io.parley.plugin.push.dispatch.PushTemplates;
import io.parley.plugin.push.dispatch.QuietHours;
import io.parley.plugin.push.dispatch.QuietHoursStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushPolicyTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final QuietHoursStore quietHours = new QuietHoursStore(new InMemoryMetadata());
    private final PushPolicy policy = new PushPolicy(quietHours, UTC);

    private static Message message(boolean disablePush, String content, Optional<String> pushContent) {
        return new Message(new ConversationKey(ConversationType.PRIVATE, "alice:bob"), "alice", "bob", "RC:TxtMsg",
                content, pushContent, Optional.empty(), true, true, "c1", Optional.empty(), 1, "UID1", 0, disablePush);
    }

    private Optional<String> decide(int level, boolean mentioned, boolean disablePush, Instant at) {
        return policy.suppression(new PushRequested("bob", message(disablePush, "{}", Optional.empty()), "",
                mentioned, level, 1, 0), at);
    }

    @Test
    void doNotDisturbLevelsFollowRongCloudsNumbering() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        for (int level : new int[] {-1, 0}) {
            assertThat(decide(level, false, false, now)).as("level %d", level).isEmpty();
        }
        for (int level : new int[] {1, 2, 4}) {
            assertThat(decide(level, false, false, now)).as("level %d", level).contains("do-not-disturb");
            assertThat(decide(level, true, false, now)).as("level %d mentioned", level).isEmpty();
        }
        assertThat(decide(5, true, false, now)).contains("do-not-disturb");
        assertThat(decide(0, true, true, now)).contains("disable-push");
    }

    @Test
    void quietHoursSpanMidnightAndLevelOneLetsMentionsThrough() {
        quietHours.set("bob", new QuietHours("23:00:00", 120, 1));
        assertThat(decide(0, false, false, Instant.parse("2026-01-01T23:30:00Z"))).contains("quiet-hours");
        assertThat(decide(0, false, false, Instant.parse("2026-01-02T00:59:59Z"))).contains("quiet-hours");
        assertThat(decide(0, true, false, Instant.parse("2026-01-02T00:30:00Z"))).isEmpty();
        assertThat(decide(0, false, false, Instant.parse("2026-01-02T01:00:00Z"))).isEmpty();
        assertThat(decide(0, false, false, Instant.parse("2026-01-01T22:59:59Z"))).isEmpty();

        quietHours.set("bob", new QuietHours("08:00:00", 60, 5));
        assertThat(decide(0, true, false, Instant.parse("2026-01-01T08:10:00Z"))).contains("quiet-hours");
        assertThatThrownBy(() -> new QuietHours("8am", 60, 5)).hasMessageContaining("HH:MM:SS");
        assertThatThrownBy(() -> new QuietHours("08:00:00", 60, 3)).hasMessageContaining("level");
    }

    @Test
    void templatesPreferPushContentThenTheTypeThenTheDefault() {
        PushTemplates templates = new PushTemplates("{fromUserId} in {targetId}", "New message",
                Map.of("rc-txtmsg", "{content}", "rc-imgmsg", "[Image]"));
        assertThat(templates.title(message(false, "{}", Optional.empty()))).isEqualTo("alice in alice");
        assertThat(templates.body(message(false, "{\"content\":\"hi\"}", Optional.empty()))).isEqualTo("hi");
        assertThat(templates.body(message(false, "{\"content\":\"hi\"}", Optional.of("custom")))).isEqualTo("custom");
        Message image = new Message(new ConversationKey(ConversationType.GROUP, "g1"), "alice", "g1", "RC:ImgMsg",
                "{}", Optional.empty(), Optional.empty(), true, true, "c2", Optional.empty(), 1, "UID2", 0);
        assertThat(templates.body(image)).isEqualTo("[Image]");
        assertThat(templates.title(image)).isEqualTo("alice in g1");
        Message custom = new Message(new ConversationKey(ConversationType.GROUP, "g1"), "alice", "g1", "App:Card",
                "{}", Optional.empty(), Optional.empty(), true, true, "c3", Optional.empty(), 1, "UID3", 0);
        assertThat(templates.body(custom)).isEqualTo("New message");
    }

    @Test
    void theSenderNameIsTheRecipientsAliasForTheSenderElseItsUserId() {
        PushTemplates templates = new PushTemplates("{senderName}", "{senderName} sent something", Map.of());
        Message message = message(false, "{}", Optional.empty());
        assertThat(templates.title(message, "Sis")).isEqualTo("Sis");
        assertThat(templates.body(message, "Sis")).isEqualTo("Sis sent something");
        assertThat(templates.title(message, "")).isEqualTo("alice");
        assertThat(templates.title(message)).isEqualTo("alice");
    }
}
