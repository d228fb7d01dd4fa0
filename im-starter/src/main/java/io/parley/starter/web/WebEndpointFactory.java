package io.parley.starter.web;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.HttpEndpointFactory;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.health.HealthMonitor;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.http.HttpEndpoint;
import io.parley.kernel.ops.ServerOverview;
import io.parley.kernel.plugin.StopHooks;
import io.parley.kernel.statistics.StatisticsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts the starter's web endpoints on the HTTP port: the chat page and the JavaScript SDK, its settings,
 * uploads, the development token endpoint (only with {@code web.dev-sign-in=true}), the operator console and the
 * browser's {@code /favicon.ico}.
 */
public final class WebEndpointFactory implements HttpEndpointFactory {
    private static final Logger log = LoggerFactory.getLogger(WebEndpointFactory.class);

    private volatile WebConfig mounted;

    @Override
    public List<HttpEndpoint> create(ParleyServer server, PluginConfig config) {
        KernelConfig kernel = server.kernelObject(KernelConfig.class);
        WebConfig web = WebConfig.read(config, kernel.dataDir());
        mounted = web;
        ServerOverview overview = server.kernelObject(ServerOverview.class);
        Clock clock = server.kernelObject(Clock.class);
        ClassLoader loader = WebEndpointFactory.class.getClassLoader();
        TokenService tokens = server.kernelObject(TokenService.class);
        List<HttpEndpoint> endpoints = new ArrayList<>();

        endpoints.add(new FaviconEndpoint(loader));
        RecentErrors errors = RecentErrors.attach();
        server.kernelObject(StopHooks.class).add(errors::detach);
        TrafficSampler traffic = new TrafficSampler(overview, clock::millis);
        traffic.start(server.kernelObject(ScheduledExecutorService.class));
        ConsoleLoginThrottle logins = new ConsoleLoginThrottle(web.consoleMaxFailures(), web.consoleLockout(),
                web.consoleTrackedAddresses(), clock::millis, server.meterRegistry());
        ConsoleStatistics statistics = new ConsoleStatistics(server.kernelObject(StatisticsApi.class), clock);
        ConsoleAuditLog audit = new ConsoleAuditLog(server.kernelObject(StorageProvider.class).metadata(),
                web.auditMaxEntries(), web.auditRetention(), clock::millis);
        ConsoleActions actions = new ConsoleActions(() -> server.kernelObject(HttpApiHandler.class), audit,
                web.consoleUser(), clock::millis);
        ConsoleOperations operations = new ConsoleOperations(actions, new ConsoleUserLookup(actions, overview),
                new ConsoleConversationLookup(actions, clock::millis), audit,
                server.kernelObject(HealthMonitor.class), web.consoleUser(),
                ConsoleOperations.csrfToken(web.consoleUser(), web.consolePassword()));
        if (web.consolePassword().isPresent()) {
            ScheduledFuture<?> pruning = server.kernelObject(ScheduledExecutorService.class).scheduleWithFixedDelay(
                    () -> pruneQuietly(audit), 1, 60, TimeUnit.MINUTES);
            server.kernelObject(StopHooks.class).add(() -> pruning.cancel(false));
        }
        endpoints.add(new ConsoleEndpoint(web, logins, overview, traffic, errors, statistics, operations, clock,
                loader));
        if (web.consolePassword().isEmpty()) {
            log.info("the operator console at /console is off; set console.password to turn it on");
        }
        if (web.pageEnabled()) {
            endpoints.add(new StaticFiles(loader));
            endpoints.add(new WebClientSettingsEndpoint(web,
                    overview.plugins().stream().map(ServerOverview.PluginState::name).toList()));
        }
        if (web.uploadsEnabled()) {
            try {
                endpoints.add(new UploadEndpoint(new UploadStore(web.uploadsDir()), tokens,
                        server.kernelObject(ConversationAccess.class), web, clock, server.meterRegistry()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the uploads folder " + web.uploadsDir(), e);
            }
        }
        if (web.devSignIn()) {
            if (kernel.production()) {
                throw ImException.invalidParameter("mode=production refuses web.dev-sign-in: it gives a token for any "
                        + "user id to anyone who can reach the HTTP port");
            }
            log.warn("web.dev-sign-in is on: POST {} gives a token for any user id to anyone who can reach the HTTP "
                    + "port (and POST {} makes groups). Turn it off in production.", DevTokenEndpoint.PATH,
                    DevGroupEndpoint.PATH);
            endpoints.add(new DevTokenEndpoint(() -> server.kernelObject(HttpApiHandler.class)));
            endpoints.add(new DevGroupEndpoint(tokens, () -> server.kernelObject(HttpApiHandler.class)));
        }
        return endpoints;
    }

    private static void pruneQuietly(ConsoleAuditLog audit) {
        try {
            audit.prune();
        } catch (RuntimeException e) {
            log.warn("console audit log: pruning failed; will try again in an hour", e);
        }
    }

    /** Whether the chat page is served at {@code /}: {@code web.enabled}, once {@link #create} has run. */
    public boolean pageEnabled() {
        return mounted != null && mounted.pageEnabled();
    }

    /** Whether the operator console is on ({@code console.password} set), once {@link #create} has run. */
    public boolean consoleEnabled() {
        return mounted != null && mounted.consolePassword().isPresent();
    }
}
