package io.parley.plugin.moderation.callback;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.Platform;
import io.parley.api.rongcloud.RongCloudSignature;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.AsyncMessageInterceptor;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.moderation.common.ModerationErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * RongCloud's message callback: before delivery, the message is POSTed as a form ({@code appKey, fromUserId,
 * targetId, msgType, content, channelType, msgTimeStamp, messageId, os}) to the app server, the URL signed with
 * the query parameters {@code appKey, nonce, signTimestamp, signature}. The JSON answer decides:
 * {@code pass:1} passes ({@code replaceContent} / {@code replacePushContent} replace), {@code pass:0} rejects with
 * {@code CALLBACK_BLOCKED} (41001). A timeout, a refused connection, a non-200 status or an answer that is not
 * such JSON is a failure: fail-open passes, fail-closed rejects with {@code CALLBACK_UNAVAILABLE} (41002).
 *
 * <p>Asynchronous: the request is started on the conversation's stripe and no thread waits for the answer (the
 * conversation's later messages wait behind this one, in order, for at most {@code moderation.callback.timeout}).
 */
public final class MessageCallbackInterceptor implements AsyncMessageInterceptor {
    private static final System.Logger LOG = System.getLogger(MessageCallbackInterceptor.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallbackConfig config;
    private final URI url;
    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final HttpClient http;
    private final PluginMetrics metrics;
    private final PluginMetrics.Timer latency;

    public MessageCallbackInterceptor(CallbackConfig config, String appKey, String appSecret, Clock clock,
            PluginMetrics metrics) {
        this.config = requireNonNull(config, "config is null");
        this.url = config.url().orElseThrow(() -> new IllegalArgumentException("the callback has no URL"));
        this.appKey = requireNonNull(appKey, "appKey is null");
        this.appSecret = requireNonNull(appSecret, "appSecret is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.latency = metrics.timer("im.moderation.callback.latency");
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String name() {
        return "moderation.callback";
    }

    /** Last in the plugin's chain: the app server sees the message after words were replaced. */
    @Override
    public int order() {
        return 100;
    }

    /** A little above the HTTP timeout, so that this interceptor's own policy decides a late answer. */
    @Override
    public Duration timeout() {
        return config.timeout().plusSeconds(1);
    }

    @Override
    public boolean failOpen() {
        return config.failOpen();
    }

    /** Starts the HTTP call and returns at once: no thread waits for the app server. */
    @Override
    public CompletionStage<Decision> decideAsync(OutgoingMessage message) {
        if (!config.covers(message.conversationType(), message.objectName(), message.source().isEmpty())) {
            return CompletableFuture.completedFuture(Decision.proceed());
        }
        long started = System.nanoTime();
        return http.sendAsync(request(message), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> passed(message, answer(response)))
                .exceptionally(this::failed)
                .thenApply(outcome -> {
                    latency.record(Duration.ofNanos(System.nanoTime() - started));
                    metrics.counter("im.moderation.callback.outcome", "outcome", outcome.name()).increment();
                    return outcome.decision();
                });
    }

    /** A decision and the name it is counted under ({@code pass, replace, block, error}). */
    private record Outcome(String name, Decision decision) {
    }

    private static Outcome passed(OutgoingMessage message, JsonNode answer) {
        if (pass(answer) == 0) {
            return new Outcome("block",
                    Decision.reject(ModerationErrorCode.CALLBACK_BLOCKED, "refused by the app server's callback"));
        }
        Optional<String> content = text(answer, "replaceContent");
        Optional<String> push = text(answer, "replacePushContent");
        if (content.isEmpty() && push.isEmpty()) {
            return new Outcome("pass", Decision.proceed());
        }
        return new Outcome("replace", Decision.replace(
                message.withContent(content.orElse(message.content()), push.or(message::pushContent))));
    }

    private Outcome failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        LOG.log(System.Logger.Level.WARNING, "message callback failed ({0}); failing {1}", cause.toString(),
                config.failOpen() ? "open" : "closed");
        return new Outcome("error", config.failOpen() ? Decision.proceed()
                : Decision.reject(ModerationErrorCode.CALLBACK_UNAVAILABLE, "the message callback failed"));
    }

    private HttpRequest request(OutgoingMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("appKey", appKey);
        form.put("fromUserId", message.fromUserId());
        form.put("targetId", message.targetId());
        form.put("msgType", message.objectName());
        form.put("content", message.content());
        form.put("channelType", message.conversationType().channelType());
        form.put("msgTimeStamp", String.valueOf(clock.millis()));
        form.put("messageId", message.clientMsgId());
        form.put("os", message.source().map(Platform::wireName).orElse("Server"));
        return HttpRequest.newBuilder(signedUrl())
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
    }

    /** The app server's answer; throws when it is not a 200 with a {@code pass} of 0 or 1. */
    private static JsonNode answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("the callback answered HTTP " + response.statusCode()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null || !answer.isObject() || pass(answer) < 0) {
            throw new UncheckedIOException(new IOException("the callback's answer has no pass field of 0 or 1"));
        }
        return answer;
    }

    /** The configured URL with RongCloud's callback signature appended to its query. */
    URI signedUrl() {
        String nonce = String.valueOf(RANDOM.nextInt(1_000_000_000));
        return URI.create(RongCloudSignature.signCallbackUrl(url.toString(), appKey, appSecret, nonce, clock.millis()));
    }


    /** The answer's {@code pass} as 1 or 0 (a number, a "0"/"1" string or a boolean); -1 when it is neither. */
    private static int pass(JsonNode answer) {
        JsonNode pass = answer.path("pass");
        if (pass.isIntegralNumber() || pass.isBoolean()) {
            int value = pass.isBoolean() ? (pass.booleanValue() ? 1 : 0) : pass.asInt();
            return value == 0 || value == 1 ? value : -1;
        }
        return pass.isTextual() && (pass.textValue().equals("0") || pass.textValue().equals("1"))
                ? Integer.parseInt(pass.textValue()) : -1;
    }

    private static Optional<String> text(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isTextual() && !value.textValue().isEmpty() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static String encode(Map<String, String> values) {
        StringJoiner joined = new StringJoiner("&");
        values.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
