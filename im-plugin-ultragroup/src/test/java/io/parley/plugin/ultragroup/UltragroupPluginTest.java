package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationType;
import io.parley.api.plugin.ImPlugin;
import io.parley.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class UltragroupPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        assertThat(PluginChecks.discoveredOnce(UltragroupPlugin.class).name()).isEqualTo("ultragroup");
    }

    @Test
    void targetsNameTheDefaultChannelByGroupIdAndOthersWithAColon() {
        assertThat(Target.parse("g1")).isEqualTo(new Target("g1", ""));
        assertThat(Target.parse("g1:news").asTargetId()).isEqualTo("g1:news");
        assertThat(Target.of("g1", "").asTargetId()).isEqualTo("g1");
        assertThat(Ultragroups.keyOf(Target.parse("g1:news")).type()).isEqualTo(ConversationType.ULTRA_GROUP);
        ImPlugin plugin = new UltragroupPlugin();
        assertThat(plugin.messageTypes()).extracting(t -> t.objectName()).containsExactly("Parley:UgMsgModify");
    }

    @Test
    void mentionsAreReadFromMentionedInfo() {
        assertThat(Mentions.of("{\"content\":\"hi\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"ben\"]}}"))
                .isEqualTo(new Mentions(false, java.util.List.of("ben")));
        assertThat(Mentions.of("{\"mentionedInfo\":{\"type\":1}}").all()).isTrue();
        assertThat(Mentions.of("{\"content\":\"hi\"}")).isEqualTo(Mentions.NONE);
    }
}
