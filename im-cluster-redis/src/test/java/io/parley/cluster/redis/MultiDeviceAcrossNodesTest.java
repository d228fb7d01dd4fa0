package io.parley.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-device policy holds across nodes as on one: a second Android phone of a user kicks the first even when
 * the two are connected to different nodes, while web tabs and devices of other platforms stay, and a device that
 * reconnects through another node replaces its old connection.
 */
class MultiDeviceAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    ClusterOfNodes cluster;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterOfNodes(dataDir, 2);
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private ImClient connect(EmbeddedParley node, String userId, String deviceId, String platform) {
        ImClient client = node.client(userId, deviceId, platform).build();
        clients.add(client);
        client.connect().join();
        return client;
    }

    @Test
    void aSecondAndroidPhoneOnAnotherNodeKicksTheFirstWhileWebTabsAndAnIPhoneStay() {
        ImClient tabOnNode1 = connect(cluster.node(1), "alice", "alice-tab-1", "Web");
        ImClient firstPhone = connect(cluster.node(1), "alice", "alice-android-1", "Android");
        ImClient iPhone = connect(cluster.node(2), "alice", "alice-iphone", "iOS");
        ImClient tabOnNode2 = connect(cluster.node(2), "alice", "alice-tab-2", "Web");

        ImClient secondPhone = connect(cluster.node(2), "alice", "alice-android-2", "Android");

        await().atMost(WAIT).until(() -> firstPhone.status().isTerminal());
        assertThat(firstPhone.status()).as("kicked by the phone on node 2")
                .isEqualTo(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
        // node 1 applied the iPhone's and the second tab's connections before the second phone's (one ordered
        // channel between the nodes), and they displaced no one
        assertThat(List.of(tabOnNode1.status(), iPhone.status(), tabOnNode2.status(), secondPhone.status()))
                .as("web tabs, the iPhone and the new phone stay").containsOnly(ConnectionStatus.CONNECTED);
    }

    @Test
    void aDeviceReconnectingThroughAnotherNodeReplacesItsOldConnection() {
        ImClient before = connect(cluster.node(1), "bob", "bob-desktop", "PC");
        ImClient after = connect(cluster.node(2), "bob", "bob-desktop", "PC");

        await().atMost(WAIT).until(() -> before.status().isTerminal());
        assertThat(before.status()).isEqualTo(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
        assertThat(after.status()).isEqualTo(ConnectionStatus.CONNECTED);
    }
}
