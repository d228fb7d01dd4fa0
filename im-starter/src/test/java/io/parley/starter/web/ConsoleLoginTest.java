package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing at the operator console, by callers on several loopback addresses, with the server's clock moved
 * by hand: wrong passwords lock their address out, other addresses get in, lock-outs end and grow, and an operator
 * sees the guessing in the log and the metrics.
 */
class ConsoleLoginTest {
    private static final String USER = "ops";
    private static final String PASSWORD = "the-right-password";
    private static final int MAX_FAILURES = 3;
    private static final Duration LOCKOUT = Duration.ofSeconds(30);
    private static final String GUESSER = "127.0.0.1";
    private static final String OPERATOR = "127.0.0.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private WebTestServer web;

    private void start(Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("console.username", USER, "console.password", PASSWORD,
                "console.login.max-failures", String.valueOf(MAX_FAILURES),
                "console.login.lockout", LOCKOUT.toSeconds() + "s"));
        config.putAll(more);
        web = new WebTestServer(dataDir, config, clock, new WebEndpointFactory());
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void wrongPasswordsLockTheirAddressOutUntilTheLockOutEndsWhileAnotherAddressGetsIn() throws Exception {
        start(Map.of());
        // a browser asks without credentials before it sends them: that is no failed login
        for (int i = 0; i < 10; i++) {
            assertThat(overview(GUESSER, null).status()).isEqualTo(401);
        }
        for (int i = 1; i < MAX_FAILURES; i++) {
            WebTestServer.Reply wrong = overview(GUESSER, "guess-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.headers()).containsKey("www-authenticate");
        }
        WebTestServer.Reply locking = overview(GUESSER, "guess-" + MAX_FAILURES);
        assertThat(locking.status()).isEqualTo(429);
        assertThat(locking.headers()).containsEntry("retry-after", "30").doesNotContainKey("www-authenticate");
        assertThat(JSON.readTree(locking.body()).get("code").asInt()).isEqualTo(1008);
        assertThat(locking.body()).contains("too many wrong passwords from this address");

        // a burst of guesses is refused at once, unchecked; the right password too, so a lock-out tells a guesser nothing
        for (int i = 0; i < 200; i++) {
            assertThat(overview(GUESSER, "burst-" + i).status()).isEqualTo(429);
        }
        assertThat(overview(GUESSER, PASSWORD).status()).isEqualTo(429);
        assertThat(overview(GUESSER, null).status()).isEqualTo(429);

        // another address is not affected
        WebTestServer.Reply operator = overview(OPERATOR, PASSWORD);
        assertThat(operator.status()).isEqualTo(200);
        assertThat(JSON.readTree(operator.body()).get("ready").asBoolean()).isTrue();

        clock.advance(LOCKOUT.minusSeconds(1));
        WebTestServer.Reply almost = overview(GUESSER, PASSWORD);
        assertThat(almost.status()).isEqualTo(429);
        assertThat(almost.headers()).containsEntry("retry-after", "1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(overview(GUESSER, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aRightPasswordWipesNoFailuresAndLockOutsDoubleForAnAddressThatGoesOnGuessing() throws Exception {
        start(Map.of());
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(overview(GUESSER, "guess-" + i).status()).isEqualTo(401);
        }
        // someone behind the same address, or another one, logging in clears nothing of the guesser's
        assertThat(overview(GUESSER, PASSWORD).status()).isEqualTo(200);
        assertThat(overview(OPERATOR, PASSWORD).status()).isEqualTo(200);
        WebTestServer.Reply first = overview(GUESSER, "guess-" + MAX_FAILURES);
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.headers()).containsEntry("retry-after", "30");

        clock.advance(LOCKOUT);
        assertThat(overview(GUESSER, PASSWORD).status()).isEqualTo(200);
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(overview(GUESSER, "again-" + i).status()).isEqualTo(401);
        }
        WebTestServer.Reply second = overview(GUESSER, "again-" + MAX_FAILURES);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.headers()).containsEntry("retry-after", "60");

        // an address quiet for as long as its next lock-out would last is forgotten: it starts again at 30 s
        clock.advance(LOCKOUT.multipliedBy(4).plusSeconds(1));
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(overview(GUESSER, "later-" + i).status()).isEqualTo(401);
        }
        assertThat(overview(GUESSER, "later-" + MAX_FAILURES).headers()).containsEntry("retry-after", "30");
    }

    @Test
    void theOperatorSeesOneWarningPerBurstAndEveryFailureInTheMetrics() throws Exception {
        start(Map.of());
        for (int i = 1; i <= MAX_FAILURES; i++) {
            overview(GUESSER, "guess-" + i);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(overview(GUESSER, "burst-" + i).status()).isEqualTo(429);
        }
        List<String> warnings = loginWarnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("1 wrong password(s)", "from 127.0.0.1");

        clock.advance(ConsoleLoginThrottle.LOG_INTERVAL);
        assertThat(overview(GUESSER, "one-more").status()).isEqualTo(429);
        warnings = loginWarnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("2 wrong password(s) and 101 request(s) refused while locked out",
                "from 127.0.0.1 (locked out for 20 s more)");

        String metrics = web.send(web.request("/metrics").GET()).body();
        assertThat(metrics).containsPattern("(?m)^im_web_console_login_failures_total\\{reason=\"wrong-password\"} 3\\.0$")
                .containsPattern("(?m)^im_web_console_login_failures_total\\{reason=\"locked-out\"} 101\\.0$");
    }

    @Test
    void onlyTheConfiguredNumberOfAddressesIsRememberedTheLongestUnseenGoesFirst() throws Exception {
        start(Map.of("console.login.tracked-addresses", "2"));
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(overview(GUESSER, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(overview("127.0.0.3", "other").status()).isEqualTo(401);
        assertThat(overview("127.0.0.4", "other").status()).isEqualTo(401);
        // the guesser's two failures were forgotten to make room: one more is its first again
        assertThat(overview(GUESSER, "guess-" + MAX_FAILURES).status()).isEqualTo(401);
        assertThat(overview(GUESSER, "guess-" + (MAX_FAILURES + 1)).status()).isEqualTo(401);
        assertThat(overview(GUESSER, "guess-" + (MAX_FAILURES + 2)).status()).isEqualTo(429);
    }

    @Test
    void anIpv6CallerCountsByItsSlash64Network() {
        assertThat(ConsoleLoginThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ConsoleLoginThrottle.addressKey("2001:db8:1:2::1%eth0"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64")
                .isNotEqualTo(ConsoleLoginThrottle.addressKey("2001:db8:1:3::1"));
        assertThat(ConsoleLoginThrottle.addressKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ConsoleLoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void badLoginSettingsFailStartupNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("console.login.max-failures", "0")))
                .hasMessageContaining("console.login.max-failures");
        assertThatThrownBy(() -> start(Map.of("console.login.lockout", "0s")))
                .hasMessageContaining("console.login.lockout");
        assertThatThrownBy(() -> start(Map.of("console.login.tracked-addresses", "0")))
                .hasMessageContaining("console.login.tracked-addresses");
    }

    /** {@code GET /console/api/overview} from {@code from}, with the password given (none: no credentials). */
    private WebTestServer.Reply overview(String from, String password) throws IOException {
        Map<String, String> headers = password == null ? Map.of() : Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return web.getFrom(from, "/console/api/overview", headers);
    }

    /** The login warnings the console lists among the server's recent warnings, newest first. */
    private List<String> loginWarnings() throws IOException {
        WebTestServer.Reply reply = overview(OPERATOR, PASSWORD);
        assertThat(reply.status()).isEqualTo(200);
        List<String> warnings = new ArrayList<>();
        for (JsonNode error : JSON.readTree(reply.body()).get("errors")) {
            if (error.get("logger").asText().equals(ConsoleLoginThrottle.class.getName())) {
                warnings.add(error.get("message").asText());
            }
        }
        return warnings;
    }
}
