package io.parley.kernel.config;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.kernel.storage.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The kernel's own settings, read once at startup and validated here. Keys and defaults are listed in the
 * README's configuration table.
 */
public record KernelConfig(
        String appKey,
        String appSecret,
        boolean devSecret,
        boolean production,
        String bindHost,
        int httpPort,
        int tcpPort,
        Path dataDir,
        String storageProvider,
        int maxFrameBytes,
        int writeBufferHighBytes,
        Duration heartbeat,
        MultiDevicePolicies multiDevice,
        RetentionPolicy retention,
        int maxContentBytes,
        int maxInFlight,
        int maxRequestBytes,
        Duration signatureMaxSkew,
        int maxNonces,
        Duration tokenTtl,
        int stripes,
        int maxQueuedPerStripe,
        int maxWaitingPerConversation,
        int interceptorBlockingThreads,
        int workerThreads,
        int workerQueue,
        boolean metricsEnabled) {

    public static final String DEV_APP_KEY = "parley-dev-key";
    public static final String DEV_APP_SECRET = "parley-dev-secret";
    public static final String DEFAULT_DATA_DIR = "./data";

    public KernelConfig {
        requireNonNull(appKey, "appKey is null");
        requireNonNull(appSecret, "appSecret is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(retention, "retention is null");
        requireNonNull(multiDevice, "multiDevice is null");
        check(!appKey.isBlank(), "app.key must not be blank");
        check(!appSecret.isBlank(), "app.secret must not be blank");
        check(!(production && devSecret), "mode=production refuses the development app.secret: set app.secret "
                + "(PARLEY_APP_SECRET) to the app's own secret");
        check(httpPort >= 0 && httpPort <= 65535, "http.port must be 0..65535");
        check(tcpPort >= 0 && tcpPort <= 65535, "tcp.port must be 0..65535");
        check(maxFrameBytes >= 1024, "protocol.max-frame-bytes must be at least 1024");
        check(writeBufferHighBytes >= 2 * 1024, "protocol.write-buffer-high-bytes must be at least 2048");
        check(!heartbeat.isNegative() && heartbeat.toSeconds() >= 1, "protocol.heartbeat must be at least 1s");
        check(maxContentBytes > 0 && maxContentBytes < maxFrameBytes,
                "message.max-content-bytes must be positive and below protocol.max-frame-bytes");
        check(maxInFlight >= 1, "message.max-in-flight must be at least 1");
        check(maxRequestBytes >= 1024, "server-api.max-request-bytes must be at least 1024");
        check(signatureMaxSkew.compareTo(Duration.ofSeconds(1)) >= 0, "server-api.signature-max-skew must be at least"
                + " 1s: a request is remembered until its timestamp leaves this window, so that a replay is refused,"
                + " and the window cannot be turned off (a server with a far-off clock needs a wider window, not none)");
        check(maxNonces >= 1, "server-api.max-nonces must be at least 1");
        check(stripes >= 1, "dispatch.stripes must be at least 1");
        check(maxQueuedPerStripe >= 1, "dispatch.max-queued-per-stripe must be at least 1");
        check(maxWaitingPerConversation >= 1, "dispatch.max-waiting-per-conversation must be at least 1");
        check(interceptorBlockingThreads >= 1, "interceptors.blocking-threads must be at least 1");
        check(workerThreads >= 1, "dispatch.worker-threads must be at least 1");
        check(workerQueue >= 1, "dispatch.worker-queue must be at least 1");
    }

    /** Above the high mark a connection counts as a slow consumer; it is writable again below half of it. */
    public io.netty.channel.WriteBufferWaterMark writeBufferWaterMark() {
        return new io.netty.channel.WriteBufferWaterMark(writeBufferHighBytes / 2, writeBufferHighBytes);
    }

    /** How far back SYNC serves inbox entries: the longest offline window of {@link #retention()}. */
    public Duration offlineRetention() {
        return retention.syncWindow();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw ImException.invalidParameter(message);
        }
    }

    /** {@code data.dir}, the folder of the server's files ({@value #DEFAULT_DATA_DIR} by default): its one reading. */
    public static Path dataDir(PluginConfig root) {
        return Path.of(root.get("data.dir", DEFAULT_DATA_DIR).trim());
    }

    /** {@code app.key}, or the development key: its one reading. */
    public static String appKey(PluginConfig root) {
        return root.get("app.key", DEV_APP_KEY);
    }

    /** {@code app.secret} (a secret), or the development secret: its one reading. */
    public static String appSecret(PluginConfig root) {
        return root.getSecret("app.secret", DEV_APP_SECRET);
    }

    public static KernelConfig read(TrackedConfig config) {
        String secret = appSecret(config);
        String mode = config.get("mode", "development");
        if (!mode.equals("development") && !mode.equals("production")) {
            throw ImException.invalidParameter("mode must be development or production, not '" + mode + "'");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int maxInFlight = config.getInt("message.max-in-flight", 20_000);
        return new KernelConfig(
                appKey(config),
                secret,
                secret.equals(DEV_APP_SECRET),
                mode.equals("production"),
                config.get("bind.host", "0.0.0.0"),
                config.getInt("http.port", 9000),
                config.getInt("tcp.port", 9100),
                dataDir(config),
                config.get("storage.provider", "embedded"),
                config.getInt("protocol.max-frame-bytes", 256 * 1024),
                config.getInt("protocol.write-buffer-high-bytes", 512 * 1024),
                config.getDuration("protocol.heartbeat", Duration.ofSeconds(30)),
                MultiDevicePolicies.read(config),
                RetentionPolicy.from(config),
                config.getInt("message.max-content-bytes", 128 * 1024),
                maxInFlight,
                config.getInt("server-api.max-request-bytes", 512 * 1024),
                config.getDuration("server-api.signature-max-skew", Duration.ofMinutes(10)),
                config.getInt("server-api.max-nonces", 200_000),
                config.getDuration("token.ttl", Duration.ZERO),
                config.getInt("dispatch.stripes", Math.max(4, cores * 4)),
                config.getInt("dispatch.max-queued-per-stripe", Math.max(1, maxInFlight / 4)),
                config.getInt("dispatch.max-waiting-per-conversation", 1_000),
                config.getInt("interceptors.blocking-threads", 64),
                config.getInt("dispatch.worker-threads", Math.max(8, cores * 8)),
                config.getInt("dispatch.worker-queue", 10_000),
                config.getBoolean("metrics.enabled", true));
    }
}
