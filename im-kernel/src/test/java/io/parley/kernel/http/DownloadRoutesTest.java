package io.parley.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.route.DownloadRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadRoutesTest {
    private static DownloadRoute route(String prefix) {
        return new DownloadRoute() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public String contentType() {
                return "application/zip";
            }

            @Override
            public byte[] download(String name, Map<String, List<String>> query) {
                return new byte[0];
            }
        };
    }

    @Test
    void aPathIsServedByTheRouteWhosePrefixItStartsWith() {
        DownloadRoute history = route("/history/files/");
        DownloadRoutes routes = new DownloadRoutes(List.of(history, route("/exports/")));
        assertThat(routes.find("/history/files/2026120719.zip")).containsSame(history);
        assertThat(routes.find("/history/files")).isEmpty();
        assertThat(routes.find("/message/history.json")).isEmpty();
    }

    @Test
    void prefixesAreFoldersThatDoNotOverlap() {
        assertThatThrownBy(() -> new DownloadRoutes(List.of(route("/history/files"))))
                .hasMessageContaining("starts and ends with '/'");
        assertThatThrownBy(() -> new DownloadRoutes(List.of(route("/"))))
                .hasMessageContaining("starts and ends with '/'");
        assertThatThrownBy(() -> new DownloadRoutes(List.of(route("/history/"), route("/history/files/"))))
                .hasMessageContaining("two download routes claim /history/files/");
        assertThatThrownBy(() -> new DownloadRoutes(List.of(route("/files/"), route("/files/"))))
                .hasMessageContaining("two download routes claim /files/");
    }
}
