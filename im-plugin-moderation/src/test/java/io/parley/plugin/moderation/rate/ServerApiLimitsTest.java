package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.kernel.config.ConfigSources;
import io.parley.kernel.config.ConfigValidator;
import io.parley.kernel.config.TrackedConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server API's limits as read from config: files, builder values and environment variables alike. */
class ServerApiLimitsTest {

    private static ServerApiLimits read(Map<String, String> values) {
        return ServerApiLimits.from(TrackedConfig.of(values).subset("moderation"));
    }

    @Test
    void withoutConfigEachEndpointHasRongCloudsDocumentedLimitOrTheDefault() {
        ServerApiLimits limits = read(Map.of());

        assertThat(limits).isEqualTo(ServerApiLimits.defaults());
        assertThat(limits.limitOf("/message/group/publish.json")).isEqualTo(EndpointLimit.of(20, Duration.ofSeconds(1)));
        assertThat(limits.limitOf("/group/user/query.json")).isEqualTo(EndpointLimit.of(100, Duration.ofSeconds(1)));
        assertThat(limits.limitOf("/user/getToken.json")).isEqualTo(EndpointLimit.of(200, Duration.ofSeconds(1)));
        assertThat(limits.limitOf("/message/private/publish.json")).isEqualTo(EndpointLimit.of(6000, Duration.ofMinutes(1)));
        assertThat(limits.limitOf("/push.json").format()).isEqualTo("2/1h,3/1d");
        assertThat(limits.limitOf("/user/checkOnline.json")).as("the default").isEqualTo(RongCloudLimits.DEFAULT);
        assertThat(limits.limitOf("/greeter/hello.json")).as("another plugin's endpoint").isEqualTo(RongCloudLimits.DEFAULT);
    }

    @Test
    void anEndpointsKeyOverridesItsLimitOrTurnsItOff() {
        ServerApiLimits limits = read(Map.of(
                "moderation.rate.server-api.group.user.query", "200/1s",
                "moderation.rate.server-api.user.getToken", "off",
                "moderation.rate.server-api.user.checkOnline", "5/1m",
                "moderation.rate.server-api.default", "50/s"));

        assertThat(limits.limitOf("/group/user/query.json").format()).isEqualTo("200/1s");
        assertThat(limits.limitOf("/user/getToken.json").isOff()).isTrue();
        assertThat(limits.limitOf("/user/checkOnline.json").format()).isEqualTo("5/1m");
        assertThat(limits.limitOf("/user/info.json").format()).as("the configured default").isEqualTo("50/1s");
        assertThat(limits.limitOf("/message/group/publish.json").format()).as("a documented limit stays")
                .isEqualTo("20/1s");
    }

    @Test
    void theEnvironmentCarriesAnEndpointsLimitAndTheValidatorKnowsIt() {
        TrackedConfig root = TrackedConfig.of(new ConfigSources(Map.of(), Map.of(
                "PARLEY_MODERATION_RATE_SERVER_API_GROUP_USER_QUERY", "200/1s",
                "PARLEY_MODERATION_RATE_SERVER_API_CHATROOM_CREATE_NEW", "off",
                "PARLEY_MODERATION_RATE_SERVER_API_DEFAULT", "10/1s"), Map.of()));

        ServerApiLimits limits = ServerApiLimits.from(root.subset("moderation"));

        assertThat(limits.limitOf("/group/user/query.json").format()).isEqualTo("200/1s");
        assertThat(limits.limitOf("/chatroom/create_new.json").isOff()).isTrue();
        assertThat(limits.limitOf("/chatroom/create.json").format()).isEqualTo("10/1s");
        assertThatCode(() -> ConfigValidator.checkAllUsed(root)).doesNotThrowAnyException();
    }

    @Test
    void aMistypedEndpointKeyFailsStartupWithADidYouMean() {
        TrackedConfig root = TrackedConfig.of(Map.of("moderation.rate.server-api.group.user.querry", "200/1s"));
        ServerApiLimits.from(root.subset("moderation"));

        assertThatThrownBy(() -> ConfigValidator.checkAllUsed(root)).isInstanceOf(ImException.class)
                .hasMessageContaining("moderation.rate.server-api.group.user.querry")
                .hasMessageContaining("did you mean 'moderation.rate.server-api.group.user.query'");
    }

    @Test
    void endpointsOutsideTheTableAreLimitedThroughOneKey() {
        ServerApiLimits limits = read(Map.of("moderation.rate.server-api.other-endpoints",
                "/greeter/hello.json=10/1s; /greeter/bye.json=off;"));

        assertThat(limits.limitOf("/greeter/hello.json").format()).isEqualTo("10/1s");
        assertThat(limits.limitOf("/greeter/bye.json").isOff()).isTrue();
        assertThat(limits.limitOf("/greeter/other.json")).isEqualTo(RongCloudLimits.DEFAULT);

        assertThatThrownBy(() -> read(Map.of("moderation.rate.server-api.other-endpoints", "/push.json=1/1s")))
                .hasMessageContaining("set moderation.rate.server-api.push instead");
        assertThatThrownBy(() -> read(Map.of("moderation.rate.server-api.other-endpoints", "greeter=1/1s")))
                .hasMessageContaining("/path.json=limit pairs");
    }

    @Test
    void enabledFalseTurnsEveryServerApiLimitOff() {
        ServerApiLimits limits = read(Map.of("moderation.rate.server-api.enabled", "false"));

        assertThat(limits.enabled()).isFalse();
        assertThat(limits.limitOf("/message/group/publish.json").isOff()).isTrue();
        assertThat(limits.limitOf("/greeter/hello.json").isOff()).isTrue();
    }

    @Test
    void theOldFamilyKeysFailStartupPointingAtTheNewOnes() {
        assertThatThrownBy(() -> read(Map.of("moderation.rate.api.group.limit", "5")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("moderation.rate.api.*")
                .hasMessageContaining("moderation.rate.server-api.group.user.query=200/1s");
    }
}
