package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.http.HttpAnswer;
import io.parley.kernel.http.HttpCall;
import io.parley.kernel.http.HttpEndpoint;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's hook for extra HTTP endpoints, as an embedder uses it: routing, body limits, failures, readiness. */
class HttpEndpointHookTest {
    private static final int SERVER_API_LIMIT = 4096;
    private static final int ECHO_LIMIT = 64 * 1024;

    @TempDir
    Path dataDir;
    private WebTestServer web;

    /** Echoes the body's size and a query parameter; {@code /echo/fail} throws. */
    private static final class EchoEndpoint implements HttpEndpoint {
        @Override
        public boolean handles(String method, String path) {
            return path.startsWith("/echo");
        }

        @Override
        public int maxRequestBytes() {
            return ECHO_LIMIT;
        }

        @Override
        public HttpAnswer handle(HttpCall call) {
            if (call.path().equals("/echo/fail")) {
                throw new IllegalStateException("boom");
            }
            return HttpAnswer.json(201, "{\"bytes\":" + call.body().length + ",\"who\":\""
                    + call.queryParameter("who").orElse("") + "\",\"type\":\"" + call.header("content-type").orElse("")
                    + "\"}").withHeader("X-Echo", "yes");
        }
    }

    @BeforeEach
    void start() {
        web = new WebTestServer(dataDir, Map.of("server-api.max-request-bytes", String.valueOf(SERVER_API_LIMIT)),
                (server, config) -> List.of(new EchoEndpoint()));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void withNoIconMountedFaviconIsAnswered204WithoutAuthentication() throws Exception {
        HttpResponse<String> icon = web.send(web.request("/favicon.ico").GET());
        assertThat(icon.statusCode()).isEqualTo(204);
        assertThat(icon.body()).isEmpty();
    }

    @Test
    void aMountedEndpointAnswersWithItsStatusHeadersAndBody() throws Exception {
        HttpResponse<String> response = web.send(web.request("/echo?who=ann").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
        assertThat(response.body()).isEqualTo("{\"bytes\":5,\"who\":\"ann\",\"type\":\"text/plain\"}");
    }

    @Test
    void anEndpointTakesBodiesUpToItsOwnLimitWhileTheServerApiKeepsItsLimit() throws Exception {
        byte[] large = new byte[SERVER_API_LIMIT * 4];
        assertThat(web.send(web.request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(large))).body())
                .contains("\"bytes\":" + large.length);

        HttpResponse<String> tooLarge = web.send(web.request("/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ECHO_LIMIT + 1])));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("1508").contains(String.valueOf(ECHO_LIMIT));

        HttpResponse<String> api = web.send(web.request("/user/getToken.json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)));
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.body()).contains("1508").contains(String.valueOf(SERVER_API_LIMIT));
    }

    @Test
    void aFailingEndpointGetsA500AndTheServerStaysUp() throws Exception {
        HttpResponse<String> failed = web.send(web.request("/echo/fail").GET());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("\"code\":1000");
        assertThat(web.send(web.request("/echo").GET()).statusCode()).isEqualTo(201);
    }

    @Test
    void healthAnswersLivenessAndReadiness() throws Exception {
        assertThat(web.send(web.request("/health").GET()).body()).contains("\"status\":\"UP\"");
        HttpResponse<String> ready = web.send(web.request("/health/ready").GET());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"READY\"");
    }
}
