package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.plugin.moderation.CountingMetrics;
import io.parley.plugin.moderation.Messages;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientRateLimitInterceptorTest {
    @Test
    void oneBucketPerClientCoversEveryConversationTypeAndServerApiMessagesPass() {
        CountingMetrics metrics = new CountingMetrics();
        ClientRateLimitInterceptor limit = new ClientRateLimitInterceptor(new TokenBucketLimiter(1, 4, 100, () -> 0L), metrics);

        assertThat(limit.decide(Messages.fromClient(ConversationType.PRIVATE, "u", "v", "RC:TxtMsg", "{}"))).isEqualTo(Decision.proceed());
        assertThat(limit.decide(Messages.fromClient(ConversationType.GROUP, "u", "g", "RC:TxtMsg", "{}"))).isEqualTo(Decision.proceed());
        assertThat(limit.decide(Messages.fromClient(ConversationType.CHATROOM, "u", "c", "RC:TxtMsg", "{}"))).isEqualTo(Decision.proceed());
        assertThat(limit.decide(Messages.fromClient(ConversationType.ULTRA_GROUP, "u", "x", "RC:TxtMsg", "{}"))).isEqualTo(Decision.proceed());
        Decision fifth = limit.decide(Messages.fromClient(ConversationType.GROUP, "u", "g2", "RC:TxtMsg", "{}"));
        assertThat(fifth).isInstanceOf(Decision.Reject.class);
        assertThat(((Decision.Reject) fifth).code()).isEqualTo(StandardErrorCode.SEND_FREQUENCY_TOO_FAST);
        assertThat(metrics.count("im.moderation.ratelimited", "scope", "client")).isEqualTo(1);

        OutgoingMessage fromApi = Messages.text("u", "v", "{}");
        fromApi = new OutgoingMessage(fromApi.conversationType(), "u", "v", "RC:TxtMsg", "{}", Optional.empty(),
                Optional.empty(), true, true, false, "c", Optional.empty());
        assertThat(limit.decide(fromApi)).isEqualTo(Decision.proceed());
    }
}
