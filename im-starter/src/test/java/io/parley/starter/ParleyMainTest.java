package io.parley.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The jar's command line apart from the server: help and unknown arguments; and the banner a started server prints. */
class ParleyMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParleyMain.notTheServer(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpInEachSpellingPrintsTheUsageToStandardOutputAndExitsZero() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            out.reset();
            assertThat(run(help)).as(help).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java")
                    .contains("backup <target-dir>", "restore <backup-dir>", "repair", "--storage-dir",
                            "PARLEY_CONFIG", "PARLEY_HTTP_PORT", "-Dparley.");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void anUnknownArgumentIsNamedAndTheUsagePrintedWithExitCodeTwo() {
        assertThat(run("--port=9000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--port=9000'");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java");

        err.reset();
        assertThat(run("help", "me")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown arguments 'help me'");
    }

    @Test
    void theBannerNamesTheBoundAddressAndOnlyThePagesThatAreOn() {
        String everywhere = ParleyMain.banner("0.0.0.0", 9000, 9100, false, "k", true, true);
        assertThat(everywhere).contains("server API and WebSocket: http://localhost:9000 (WebSocket at /websocket)",
                "client TCP: localhost:9100", "app key: k", "chat page: http://localhost:9000/",
                "console: http://localhost:9000/console", "every interface");

        String loopback = ParleyMain.banner("127.0.0.1", 8080, 8100, true, "k", false, false);
        assertThat(loopback).contains("server API and WebSocket: https://127.0.0.1:8080", "client TCP (TLS): 127.0.0.1:8100")
                .doesNotContain("localhost", "chat page", "console", "every interface");

        assertThat(ParleyMain.banner("::1", 9000, 9100, false, "k", true, false))
                .contains("http://[::1]:9000", "client TCP: [::1]:9100", "chat page: http://[::1]:9000/")
                .doesNotContain("console");
    }
}
