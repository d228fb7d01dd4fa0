package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.config.ConfigSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table of endpoints and their limits, and its copy in {@code docs/plugins/moderation.md}: the doc's section
 * between the markers is generated from the table. When the table changes, run this test with
 * {@code -Dparley.docs.write=true} to rewrite the section, and commit both.
 */
class RongCloudLimitsTest {
    static final String BEGIN = "<!-- BEGIN endpoint rate limits: generated from RongCloudLimits by RongCloudLimitsTest "
            + "(-Dparley.docs.write=true); do not edit by hand -->";
    static final String END = "<!-- END endpoint rate limits -->";
    static final Path DOC = Path.of("..", "docs", "plugins", "moderation.md");

    @Test
    void eachEndpointHasAKeyOfItsOwnThatTheEnvironmentCanCarry() {
        Map<String, String> pathsByEnvName = new HashMap<>();
        for (String path : RongCloudLimits.endpoints().keySet()) {
            String key = RongCloudLimits.configKey(path);
            assertThat(key).as(path).doesNotContain("/").isNotIn(ServerApiLimits.ENABLED, ServerApiLimits.DEFAULT,
                    ServerApiLimits.OTHER_ENDPOINTS);
            assertThat("/" + key.replace('.', '/') + ".json").isEqualTo(path);
            String envName = ConfigSources.envName("moderation.rate.server-api." + key);
            assertThat(pathsByEnvName.put(envName, path)).as("%s and %s share %s", path, pathsByEnvName.get(envName),
                    envName).isNull();
        }
        assertThat(RongCloudLimits.configKey("/group/user/query.json")).isEqualTo("group.user.query");
        assertThat(ConfigSources.envName("moderation.rate.server-api.group.user.query"))
                .isEqualTo("PARLEY_MODERATION_RATE_SERVER_API_GROUP_USER_QUERY");
    }

    @Test
    void rongCloudsDocumentedLimitsAreInTheTable() {
        Map<String, String> documented = RongCloudLimits.documentedLimits().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().limit().format()));
        assertThat(documented).containsEntry("/message/private/publish.json", "6000/1m")
                .containsEntry("/message/group/publish.json", "20/1s")
                .containsEntry("/message/chatroom/publish.json", "100/1s")
                .containsEntry("/message/ultragroup/publish.json", "100/1s")
                .containsEntry("/message/system/publish.json", "100/1s")
                .containsEntry("/message/broadcast.json", "2/1h,3/1d")
                .containsEntry("/push.json", "2/1h,3/1d")
                .containsEntry("/user/getToken.json", "200/1s")
                .containsEntry("/group/user/query.json", "100/1s");
        assertThat(RongCloudLimits.DEFAULT.format()).isEqualTo("100/1s");
        assertThat(RongCloudLimits.endpoints()).containsKeys("/group/create.json", "/sensitiveword/add.json",
                "/user/block.json", "/chatroom/create.json", "/ultragroup/create.json");
    }

    @Test
    void theDocListsEveryEndpointsLimitAsTheCodeHasIt() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the markers in " + DOC).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = BEGIN + "\n" + markdown() + END;
        String written = doc.substring(begin, end + END.length());
        if (!written.equals(generated) && Boolean.getBoolean("parley.docs.write")) {
            Files.writeString(DOC, doc.substring(0, begin) + generated + doc.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(written).as("the endpoint table in %s; rewrite it with -Dparley.docs.write=true", DOC)
                .isEqualTo(generated);
    }

    /** The doc's section: the documented limits as a table, then every endpoint that has the default. */
    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| endpoint | limit | key below `moderation.rate.server-api.` | RongCloud's page |\n");
        out.append("|---|---|---|---|\n");
        RongCloudLimits.documentedLimits().forEach((path, documented) -> out.append("| `").append(path)
                .append("` | ").append(documented.limit().describe()).append(" (`").append(documented.limit().format())
                .append("`) | `").append(RongCloudLimits.configKey(path)).append("` | [")
                .append(documented.page().replaceAll("^platform-chat-api/|/$", "")).append("](")
                .append(RongCloudLimits.DOCS).append(documented.page()).append(") |\n"));
        List<String> defaulted = RongCloudLimits.defaultedEndpoints();
        out.append("\nEvery other endpoint Parley serves has the default, ").append(RongCloudLimits.DEFAULT.describe())
                .append(" (`").append(RongCloudLimits.DEFAULT.format()).append("`, `moderation.rate.server-api.default`)")
                .append(", each its own (").append(defaulted.size()).append("):\n");
        String previousArea = "";
        for (String path : defaulted) {
            String area = path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
            out.append(area.equals(previousArea) ? ", " : (previousArea.isEmpty() ? "" : "\n") + "* ");
            out.append('`').append(path).append('`');
            previousArea = area;
        }
        return out.append("\n").toString();
    }
}
