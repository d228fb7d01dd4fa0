package io.parley.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandardErrorCodeTest {

    /** Clients act on the number alone, so one number means one thing; RongCloud's own 1002 alias is the exception. */
    @Test
    void eachNumberNamesOneErrorButTheUnknownAppKeyAlias() {
        Map<Integer, List<StandardErrorCode>> byNumber = Arrays.stream(StandardErrorCode.values())
                .collect(Collectors.groupingBy(StandardErrorCode::code));

        assertThat(byNumber).allSatisfy((number, codes) -> {
            if (number == 1002) {
                assertThat(codes).containsExactlyInAnyOrder(StandardErrorCode.INVALID_PARAMETER,
                        StandardErrorCode.UNKNOWN_APP_KEY);
            } else {
                assertThat(codes).as("the codes numbered %d", number).hasSize(1);
            }
        });
    }

    @Test
    void parleysOwnProtocolCodesAreIn33xxx() {
        assertThat(List.of(StandardErrorCode.MALFORMED_FRAME, StandardErrorCode.FRAME_TOO_LARGE,
                StandardErrorCode.NOT_CONNECTED, StandardErrorCode.UNKNOWN_COMMAND, StandardErrorCode.HEARTBEAT_TIMEOUT,
                StandardErrorCode.SERVER_BUSY, StandardErrorCode.SLOW_CONSUMER, StandardErrorCode.CONNECT_TIMEOUT,
                StandardErrorCode.TOO_MANY_CONNECTIONS))
                .allSatisfy(code -> assertThat(code.code()).isBetween(33_000, 33_999));
    }

    @Test
    void anExceptionCarriesItsCodeAndMessage() {
        ImException error = ImException.invalidParameter("userId is required");

        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INVALID_PARAMETER);
        assertThat(error.code()).isEqualTo(1002);
        assertThat(error).hasMessage("userId is required");
        assertThat(StandardErrorCode.INTERNAL_ERROR.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
        assertThat(StandardErrorCode.SERVER_BUSY.type()).isEqualTo(ErrorType.INSUFFICIENT_RESOURCES);
    }
}
