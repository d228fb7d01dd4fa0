package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.plugin.Recipients;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.starter.support.Devices;
import io.parley.starter.support.Devices.Device;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integrator leaves built-in features out with {@code plugins.builtin.exclude}: their endpoints are gone, the rest
 * of the server works, and a plugin of their own may serve the conversation type a left-out built-in served.
 */
class BuiltInExclusionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Groups as an integrator's own plugin sees them: every group has the same two members. */
    static final class ClubPlugin implements ImPlugin {
        @Override
        public String name() {
            return "club";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            BusinessType clubs = new BusinessType() {
                @Override
                public ConversationType conversationType() {
                    return ConversationType.GROUP;
                }

                @Override
                public ConversationKey conversationKey(String fromUserId, String targetId) {
                    return new ConversationKey(ConversationType.GROUP, targetId);
                }

                @Override
                public Recipients resolveRecipients(OutgoingMessage message) {
                    return new Recipients(List.of("ann", "ben"));
                }
            };
            return new PluginInstance() {
                @Override
                public List<BusinessType> businessTypes() {
                    return List.of(clubs);
                }
            };
        }
    }

    @TempDir
    Path dataDir;

    private ParleyServer start(String exclude, ImPlugin... plugins) {
        Map<String, String> config = new HashMap<>(Map.of("http.port", "0", "tcp.port", "0", "bind.host",
                "127.0.0.1", "data.dir", dataDir.toString(), "app.key", "ex-key", "app.secret", "ex-secret"));
        if (exclude != null) {
            config.put("plugins.builtin.exclude", exclude);
        }
        Parley.Builder builder = Parley.builder().isolated().discoverPlugins(false).config(config);
        for (ImPlugin plugin : plugins) {
            builder.plugin(plugin);
        }
        return builder.build().start();
    }

    @Test
    void aLeftOutFeaturesEndpointsAreGoneAndAPluginOfOneselfServesItsConversationType() {
        ParleyServer server = start("group, history", new ClubPlugin());
        try {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "ex-key", "ex-secret");
            assertThat(api.post("/group/create.json", "groupId", "g", "groupName", "g", "userId", "ann").code())
                    .as("the group plugin's endpoint").isEqualTo(1015);
            assertThat(api.post("/message/history.json", "date", "2026120700").code())
                    .as("the history plugin's endpoint").isEqualTo(1015);

            try (Device ann = connect(server, api, "ann"); Device ben = connect(server, api, "ben")) {
                List<ReceivedMessage> toBen = ben.inbox();
                SendResult inClub = ann.client().sendGroup("chess", "RC:TxtMsg", "{\"content\":\"e4\"}").join();
                SendResult direct = ann.client().sendPrivate("ben", "RC:TxtMsg", "{\"content\":\"hi\"}").join();
                await().atMost(WAIT).until(() -> toBen.size() == 2);
                assertThat(toBen).extracting(ReceivedMessage::messageUid)
                        .containsExactly(inClub.messageUid(), direct.messageUid());
                assertThat(toBen.get(0).conversationType()).isEqualTo(ConversationType.GROUP);
                assertThatThrownBy(() -> ann.client().command("history.query", Map.of("conversationType", 1, "targetId",
                        "ben", "limit", 10)).join()).as("the history plugin's command").hasMessageContaining("history.query");
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aPluginServingABuiltInsTypeNeedsThatBuiltInLeftOut() {
        assertThatThrownBy(() -> start(null, new ClubPlugin()))
                .hasMessageContaining("two business types serve GROUP")
                .hasMessageContaining("plugins.builtin.exclude");
    }

    @Test
    void aNameThatIsNoBuiltInFailsStartupListingThem() {
        assertThatThrownBy(() -> start("groups"))
                .hasMessageContaining("plugins.builtin.exclude names 'groups'")
                .hasMessageContaining("group, system, recall");
    }

    private static Device connect(ParleyServer server, ServerApiClient api, String userId) {
        return Devices.connect(ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                .deviceId(userId + "-phone").build());
    }
}
