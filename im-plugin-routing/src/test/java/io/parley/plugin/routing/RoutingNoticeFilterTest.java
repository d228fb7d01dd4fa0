package io.parley.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A plugin's notice is no message of the conversation's: it is never routed, even with server-API messages on. */
class RoutingNoticeFilterTest {
    private final RoutingListener listener = new RoutingListener(
            RoutingConfig.read(RoutingConfigTest.config(Map.of("include-server-api", "true"))),
            Set.of(RoutingEvent.Kind.MESSAGE), null);

    private static Message from(String sender, Optional<Platform> source) {
        return new Message(ConversationKey.privateChat("amy", "bo"), sender, "bo", "Poll:Changed", "{}",
                Optional.empty(), Optional.empty(), true, false, "c-1", source, 1, "AAAA-BBBB-CCCC-DDDD", 1_000L,
                false);
    }

    @Test
    void noticesAreNotRoutedWhileTheServerApisAndDevicesMessagesAre() {
        assertThat(listener.routes(from(Message.noticeSender("poll"), Optional.empty()))).isFalse();
        assertThat(listener.routes(from("amy", Optional.empty()))).isTrue();
        assertThat(listener.routes(from("amy", Optional.of(Platform.ANDROID)))).isTrue();
    }
}
