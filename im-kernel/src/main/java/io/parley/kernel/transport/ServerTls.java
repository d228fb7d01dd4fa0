package io.parley.kernel.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.kernel.lifecycle.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on both client-facing ports, from PEM files: {@code tls.cert-file} (the certificate chain, leaf first) and
 * {@code tls.key-file} (its private key, PKCS#8), with {@code tls.key-password} if the key is encrypted. Every
 * {@code tls.reload-interval} the files' modification times are checked, and when they changed (a renewed
 * certificate) the next connections use the new pair; connections already open keep theirs. A pair that does not
 * load is refused at startup, and on a reload it is logged and the previous pair kept. Without {@code tls.cert-file}
 * both ports speak plain TCP and HTTP, as behind a TLS-terminating proxy.
 */
public final class ServerTls implements Service {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final Path certFile;
    private final Path keyFile;
    private final String keyPassword;
    private final Duration reloadInterval;
    private volatile SslContext context;
    private FileTime[] loadedVersion;
    private ScheduledExecutorService reloader;

    private ServerTls(Path certFile, Path keyFile, String keyPassword, Duration reloadInterval) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.keyPassword = keyPassword;
        this.reloadInterval = reloadInterval;
        this.loadedVersion = version();
        this.context = load();
    }

    /** The configured TLS, loaded and checked now; empty when {@code tls.cert-file} is not set. */
    public static Optional<ServerTls> read(PluginConfig config) {
        Optional<String> cert = config.get("tls.cert-file");
        Optional<String> key = config.get("tls.key-file");
        Optional<String> password = config.getSecret("tls.key-password");
        Duration interval = config.getDuration("tls.reload-interval", Duration.ofSeconds(30));
        if (cert.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw ImException.invalidParameter("TLS needs both tls.cert-file and tls.key-file");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw ImException.invalidParameter("tls.reload-interval must be positive");
        }
        return Optional.of(new ServerTls(Path.of(cert.get()), Path.of(key.get()), password.orElse(null), interval));
    }

    /** A handler for a new connection, with the pair loaded last. Any thread. */
    SslHandler newHandler(ByteBufAllocator allocator) {
        return context.newHandler(allocator);
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public void start() {
        reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = reloadInterval.toMillis();
        reloader.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /** Loads the pair again if either file changed since the last load. On the reload thread (tests: any). */
    void reloadIfChanged() {
        FileTime[] now;
        try {
            now = version();
        } catch (ImException e) {
            log.warn("TLS files not readable, keeping the certificate in use: {}", e.getMessage());
            return;
        }
        if (java.util.Arrays.equals(now, loadedVersion)) {
            return;
        }
        try {
            context = load();
            loadedVersion = now;
            log.info("TLS certificate reloaded from {}", certFile);
        } catch (ImException e) {
            log.warn("TLS certificate changed but does not load, keeping the one in use: {}", e.getMessage());
        }
    }

    private FileTime[] version() {
        try {
            return new FileTime[] {Files.getLastModifiedTime(certFile), Files.getLastModifiedTime(keyFile)};
        } catch (IOException e) {
            throw ImException.invalidParameter("cannot read the TLS files " + certFile + " and " + keyFile + ": " + e);
        }
    }

    private SslContext load() {
        try {
            return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile(), keyPassword)
                    .protocols(List.of("TLSv1.3", "TLSv1.2").toArray(String[]::new))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw ImException.invalidParameter("cannot load the TLS certificate " + certFile + " with the key "
                    + keyFile + " (PEM, the key in PKCS#8: 'BEGIN PRIVATE KEY'): " + e.getMessage());
        }
    }
}
