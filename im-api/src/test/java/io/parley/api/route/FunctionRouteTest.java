package io.parley.api.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.model.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionRouteTest {

    @Test
    void aRouteAnswersWithItsFunction() {
        FunctionRoute route = new FunctionRoute("/user/info.json",
                request -> ApiResponse.of("userId", request.required("userId")));

        ApiResponse response = route.handle(new ApiRequest("/user/info.json", Map.of("userId", List.of("alice")),
                Optional.empty()));

        assertThat(route.path()).isEqualTo("/user/info.json");
        assertThat(response.fields()).containsExactly(Map.entry("userId", "alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user/info.json", "/user/info", "/user/info.JSON", ""})
    void aPathNotShapedLikeAnEndpointIsRefused(String path) {
        assertThatThrownBy(() -> new FunctionRoute(path, request -> ApiResponse.ok()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(path);
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> new FunctionRoute("/a.json", null)).hasMessage("handler is null");
        assertThatThrownBy(() -> new FunctionCommand(null, (caller, body) -> body)).hasMessage("name is null");
        assertThatThrownBy(() -> new FunctionCommand("x", null)).hasMessage("handler is null");
    }

    @Test
    void aCommandAnswersWithItsFunctionForTheCaller() {
        FunctionCommand command = new FunctionCommand("test.whoami",
                (caller, body) -> Map.of("user", caller.userId(), "asked", body.get("q")));

        Map<String, Object> answer = command.handle(
                new ClientCommand.Caller("alice", "phone", "s-1", Platform.IOS), Map.of("q", "who"));

        assertThat(command.name()).isEqualTo("test.whoami");
        assertThat(answer).containsEntry("user", "alice").containsEntry("asked", "who");
    }

    @Test
    void aResponseKeepsItsFieldsInOrderAndCannotBeChanged() {
        ApiResponse response = ApiResponse.of("b", 1, "a", 2);

        assertThat(response.fields().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> response.fields().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ApiResponse.ok().fields()).isEmpty();
    }
}
