package io.parley.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static Message message(ConversationKey conversation, String from, String target) {
        return new Message(conversation, from, target, "RC:TxtMsg", "{}", Optional.empty(), Optional.empty(), true,
                true, "c-1", Optional.of(Platform.IOS), 3, "BQ3K-2C4A-7M00-0001", 1_700_000_000_000L);
    }

    @Test
    void aMessageIsANoticeExactlyWhenItsSenderIsAPluginsNoticeSender() {
        ConversationKey group = new ConversationKey(ConversationType.GROUP, "g1");

        assertThat(Message.noticeSender("poll")).isEqualTo("plugin:poll");
        assertThat(message(group, Message.noticeSender("poll"), "g1").notice()).isTrue();
        assertThat(message(group, "alice", "g1").notice()).isFalse();
        assertThat(Message.isNoticeSender("pluginx")).isFalse();
        assertThat(Message.isNoticeSender("alice")).isFalse();
    }

    @Test
    void aPrivateChatIsNamedByTheOtherParty() {
        Message fromAlice = message(ConversationKey.privateChat("alice", "bob"), "alice", "bob");

        assertThat(fromAlice.targetFor("alice")).isEqualTo("bob");
        assertThat(fromAlice.targetFor("bob")).isEqualTo("alice");
    }

    @Test
    void aNoticeInAPrivateChatIsNamedByTheOtherUserOfThePair() {
        // a plugin's notice to a private chat carries the pair as its target
        Message notice = message(ConversationKey.privateChat("alice", "bob"), Message.noticeSender("poll"),
                "alice:bob");

        assertThat(notice.targetFor("alice")).isEqualTo("bob");
        assertThat(notice.targetFor("bob")).isEqualTo("alice");
    }

    @Test
    void aSystemConversationIsNamedByItsSenderForNoticesToo() {
        ConversationKey system = new ConversationKey(ConversationType.SYSTEM, "news:alice");

        assertThat(message(system, "news", "alice").targetFor("alice")).isEqualTo("news");
        assertThat(message(system, Message.noticeSender("poll"), "alice").targetFor("alice")).isEqualTo("news");
    }

    @Test
    void aGroupIsNamedByItsId() {
        Message inGroup = message(new ConversationKey(ConversationType.GROUP, "g1"), "alice", "g1");

        assertThat(inGroup.targetFor("bob")).isEqualTo("g1");
        assertThat(inGroup.targetFor("alice")).isEqualTo("g1");
    }

    @Test
    void withSeqChangesTheSeqOnly() {
        Message original = message(new ConversationKey(ConversationType.GROUP, "g1"), "alice", "g1");

        Message moved = original.withSeq(9);

        assertThat(moved.seq()).isEqualTo(9);
        assertThat(moved).usingRecursiveComparison().ignoringFields("seq").isEqualTo(original);
    }
}
