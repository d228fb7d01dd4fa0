package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testkit.ServerApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's statistics on a real server: the figures of a day, a week or a month (24 hours, 7 or 30 days), and
 * the same as a CSV file with a column per figure and per breakdown item.
 */
class ConsoleStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("ops:console-secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dataDir;

    @Test
    void theConsoleServesEachRangesFiguresAndTheirCsv() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("console.username", "ops",
                "console.password", "console-secret", "statistics.flush-interval", "200ms"), new WebEndpointFactory())) {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            api.token("alice");
            api.token("bob");

            // summed over the day's hours, so that the turn of an hour during the test changes nothing
            JsonNode day = await().atMost(Duration.ofSeconds(60)).until(() -> statistics(web, "day"),
                    answer -> sum(answer, "newUsers") == 2);
            assertThat(day.path("range").asText()).isEqualTo("day");
            assertThat(day.path("granularity").asText()).isEqualTo("hour");
            assertThat(day.path("periods")).hasSize(24);
            long tokenCalls = 0;
            for (JsonNode period : day.path("periods")) {
                tokenCalls += period.path("serverApiCallsByEndpoint").path("/user/getToken.json:200").asLong();
            }
            assertThat(tokenCalls).isEqualTo(2);
            JsonNode week = statistics(web, "week");
            assertThat(week.path("granularity").asText()).isEqualTo("day");
            assertThat(week.path("periods")).hasSize(7);
            assertThat(last(week).path("newUsers").asLong()).isEqualTo(2);
            assertThat(statistics(web, "month").path("periods")).hasSize(30);

            HttpResponse<String> csv = web.send(web.request("/console/api/statistics.csv?range=week")
                    .header("Authorization", BASIC).GET());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
            assertThat(csv.headers().firstValue("content-disposition").orElseThrow())
                    .matches("attachment; filename=\"parley-statistics-week-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
            List<String> lines = csv.body().lines().toList();
            assertThat(lines).hasSize(8);
            List<String> header = List.of(lines.get(0).split(","));
            assertThat(header).startsWith("start", "activeUsers", "newUsers", "peakConnections", "messages",
                    "deliveries", "recalls", "refusals", "serverApiCalls")
                    .contains("serverApiCallsByEndpoint:/user/getToken.json:200");
            List<String> today = List.of(lines.get(7).split(","));
            assertThat(today.get(header.indexOf("newUsers"))).isEqualTo("2");
            assertThat(today.get(header.indexOf("serverApiCallsByEndpoint:/user/getToken.json:200"))).isEqualTo("2");
            assertThat(List.of(lines.get(1).split(",")).get(header.indexOf("newUsers"))).isEqualTo("0");

            HttpResponse<String> wrong = web.send(web.request("/console/api/statistics?range=year")
                    .header("Authorization", BASIC).GET());
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(wrong.body()).path("code").asInt()).isEqualTo(1002);
            HttpResponse<String> anonymous = web.send(web.request("/console/api/statistics.csv?range=day").GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    private static JsonNode statistics(WebTestServer web, String range) throws Exception {
        HttpResponse<String> answer = web.send(web.request("/console/api/statistics?range=" + range)
                .header("Authorization", BASIC).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static long sum(JsonNode answer, String figure) {
        long sum = 0;
        for (JsonNode period : answer.path("periods")) {
            sum += period.path(figure).asLong();
        }
        return sum;
    }

    private static JsonNode last(JsonNode answer) {
        JsonNode periods = answer.path("periods");
        return periods.get(periods.size() - 1);
    }
}
