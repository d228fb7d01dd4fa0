package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomNoticesTest {

    @Test
    void aRoomMessageCrossesNodesWithEveryField() {
        Message message = new Message(new ConversationKey(ConversationType.CHATROOM, "lobby"), "amy", "lobby",
                "RC:TxtMsg", "{\"content\":\"h\u00e9llo " + "x".repeat(70_000) + "\"}", Optional.of("push"),
                Optional.empty(), false, true, "client-1", Optional.of(Platform.IOS), 42, "UID-1", 1_700_000_000_000L,
                true);

        RoomNotices.Notice back = RoomNotices.decode(RoomNotices.encode(new RoomNotices.RoomMessage(message, false)));

        assertThat(back).isEqualTo(new RoomNotices.RoomMessage(message, false));
    }

    @Test
    void gagsMutesAndMemberNoticesCrossNodes() {
        List<RoomNotices.Notice> notices = List.of(
                new RoomNotices.RoomGagged("lobby", List.of("amy", "ben"), 1_700_000_060_000L),
                new RoomNotices.RoomUngagged("lobby", List.of("ben")),
                new RoomNotices.RoomMuted("lobby", true),
                MemberNotice.ban("lobby", MemberNotice.BanType.MUTE_USERS, 600_000, 1_700_000_000_000L,
                        List.of("amy"), "spam"),
                MemberNotice.block("lobby", MemberNotice.BlockType.UNBLOCK, 0, 1_700_000_000_000L, List.of("ben"),
                        null));

        for (RoomNotices.Notice notice : notices) {
            assertThat(RoomNotices.decode(RoomNotices.encode(notice))).isEqualTo(notice);
        }
    }

    @Test
    void aDestructionCrossesNodesAndBrokenBytesAreRefusedClearly() {
        byte[] destroyed = RoomNotices.encode(new RoomNotices.RoomDestroyed("lobby", "api"));

        assertThat(RoomNotices.decode(destroyed)).isEqualTo(new RoomNotices.RoomDestroyed("lobby", "api"));
        byte[] otherVersion = destroyed.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> RoomNotices.decode(otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run one Parley version across the cluster");
        assertThatThrownBy(() -> RoomNotices.decode(Arrays.copyOf(destroyed, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }
}
