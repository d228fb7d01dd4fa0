package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.route.ApiRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ApiRequest} lives in im-api; it is tested here, over what {@link FormParser} produces. */
class ApiRequestTest {

    private static ApiRequest request(String body) {
        return new ApiRequest("/message/private/publish.json", FormParser.parse("", body), Optional.empty());
    }

    @Test
    void listSplitsRepeatedKeysAndCommasInOrder() {
        ApiRequest request = request("toUserId=u1,u2&toUserId=u3&toUserId=u4,+u5");

        assertThat(request.list("toUserId")).containsExactly("u1", "u2", "u3", "u4", "u5");
    }

    @Test
    void listDropsEmptyPartsAndIsEmptyForAMissingKey() {
        ApiRequest request = new ApiRequest("/x", Map.of("ids", List.of("a,,b,", "", " ")), Optional.empty());

        assertThat(request.list("ids")).containsExactly("a", "b");
        assertThat(request.list("missing")).isEmpty();
    }
}
