package io.parley.starter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.http.HttpApiHandler;
import io.parley.plugin.moderation.rate.RongCloudLimits;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moderation plugin's table of server-API rate limits ({@code RongCloudLimits}, also the table in
 * {@code docs/plugins/moderation.md}) names every endpoint the runnable server serves, with every bundled plugin on:
 * each then has its documented limit or the default, and a config key of its own that the environment can carry.
 */
class EndpointLimitTableTest {
    @TempDir
    Path dataDir;

    @Test
    void everyEndpointTheServerServesIsInTheTable() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "routing.url", "http://127.0.0.1:9/routed")) {
            SortedSet<String> served = server.server().kernelObject(HttpApiHandler.class).routePaths();

            assertThat(served).as("the routing plugin's endpoints are on").contains("/routing/deadletter/query.json")
                    .hasSizeGreaterThan(150);
            assertThat(RongCloudLimits.endpoints().keySet()).as("add the missing endpoints to RongCloudLimits")
                    .containsAll(served);
            assertThat(served).as("remove the endpoints no longer served from RongCloudLimits")
                    .containsAll(RongCloudLimits.endpoints().keySet());
        }
    }
}
