package io.parley.kernel.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.DownloadRoute;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.statistics.StatisticsRecorder;
import io.parley.kernel.health.HealthMonitor;
import io.parley.kernel.health.HealthReport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the HTTP port: {@code POST /<area>/<action>.json} server-API calls (run on the worker
 * pool), {@code GET /metrics} (Prometheus, scraped on the worker pool: gauges may read stores), {@code GET /health}
 * (liveness), {@code GET /health/ready}
 * (readiness: 503 while starting, stopping, failing or busy, with every check of the {@link HealthMonitor}),
 * the plugins' {@code GET} downloads ({@link DownloadRoutes}: the history's signed {@code /history/files/…} zips,
 * each route checking its own links), the endpoints mounted by the starter or an embedder
 * ({@link HttpEndpoint}), and {@code GET /favicon.ico} answered 204 without authentication unless a mounted endpoint
 * serves an icon. Every answer of the kernel's own
 * is a JSON object with a numeric {@code code}, whatever the HTTP status.
 */
@Sharable
@Singleton
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

    private final ServerApiDispatcher dispatcher;
    private final WorkerPool workers;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final DownloadRoutes downloads;
    private final HttpEndpoints endpoints;
    private final HealthMonitor health;
    private final int serverApiLimit;
    private final StatisticsRecorder statistics;

    /**
     * The server's handler: {@code /metrics} when {@code metrics.enabled}, the plugins' downloads, and server-API
     * bodies up to {@code server-api.max-request-bytes}.
     */
    @Inject
    public HttpApiHandler(ServerApiDispatcher dispatcher, WorkerPool workers, PrometheusMeterRegistry prometheus,
            KernelConfig config, DownloadRoutes downloads, HttpEndpoints endpoints, HealthMonitor health,
            StatisticsRecorder statistics) {
        this(dispatcher, workers, config.metricsEnabled() ? Optional.of(prometheus) : Optional.empty(),
                downloads, endpoints, health, config.maxRequestBytes(), statistics);
    }

    /**
     * @param downloads     the plugins' {@code GET} downloads under their prefixes
     * @param endpoints     endpoints mounted beside the server API
     * @param serverApiLimit the largest server-API body ({@code server-api.max-request-bytes})
     * @param statistics    counts each server-API call by path and result
     */
    public HttpApiHandler(ServerApiDispatcher dispatcher, WorkerPool workers, Optional<PrometheusMeterRegistry> prometheus,
            DownloadRoutes downloads, HttpEndpoints endpoints, HealthMonitor health, int serverApiLimit,
            StatisticsRecorder statistics) {
        this.statistics = statistics;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.prometheus = prometheus;
        this.downloads = downloads;
        this.endpoints = endpoints;
        this.health = health;
        this.serverApiLimit = serverApiLimit;
    }

    /**
     * Calls a server-API route for a caller inside the server that authenticated another way (the operator console):
     * the same guards and route code as a signed call, without the signature. Blocks as long as the route does; call
     * it on a worker thread. Errors are thrown as ImException.
     */
    public io.parley.api.route.ApiResponse callRoute(io.parley.api.route.ApiRequest request) {
        return dispatcher.dispatchTrusted(request);
    }

    /** Whether {@code path} is a server-API path this server serves. */
    public boolean servesRoute(String path) {
        return dispatcher.serves(path);
    }

    /** Every server-API path this server serves, sorted, with the plugin that serves it ({@code kernel} for its own). */
    public java.util.SortedMap<String, String> serverApiRoutes() {
        return dispatcher.routes();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method() == HttpMethod.GET && path.equals("/metrics") && prometheus.isPresent()) {
            // on a worker: plugins' gauges may read their stores (a routing outbox's backlog, say)
            workers.submit(() -> prometheus.get().scrape().getBytes(StandardCharsets.UTF_8)).whenComplete(
                    (scraped, failure) -> {
                        if (failure == null) {
                            respond(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                                    scraped);
                        } else {
                            ImException error = unwrap(failure);
                            respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
                        }
                    });
            return;
        }
        if (request.method() == HttpMethod.GET && path.equals("/health")) {
            respondJson(ctx, keepAlive, HttpResponseStatus.OK, "{\"code\":200,\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (request.method() == HttpMethod.GET && path.equals("/health/ready")) {
            // on the event loop: the evaluation reads memory only, and must answer while every worker is busy
            HealthReport report = health.evaluate();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", report.ready() ? 200 : 503);
            body.putAll(report.toJson());
            respondJson(ctx, keepAlive, report.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ApiEnvelope.object(body));
            return;
        }
        Optional<DownloadRoute> download = request.method() == HttpMethod.GET ? downloads.find(path) : Optional.empty();
        if (download.isPresent()) {
            // no server-API signature: the route checks its own (signed, expiring) links
            DownloadRoute route = download.get();
            String name = path.substring(route.prefix().length());
            Map<String, java.util.List<String>> query = new QueryStringDecoder(request.uri()).parameters();
            workers.submit(() -> route.download(name, query)).whenComplete((bytes, failure) -> {
                if (failure == null) {
                    respond(ctx, keepAlive, HttpResponseStatus.OK, route.contentType(), bytes);
                } else {
                    ImException error = unwrap(failure);
                    respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
                }
            });
            return;
        }
        Optional<HttpEndpoint> endpoint = endpoints.find(request.method().name(), path);
        int limit = endpoints.requestLimit(request.method().name(), path, serverApiLimit);
        if (request.content().readableBytes() > limit) {
            ImException error = new ImException(StandardErrorCode.REQUEST_TOO_LARGE, "request body exceeds " + limit + " bytes");
            respondJson(ctx, keepAlive, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ApiEnvelope.error(error));
            return;
        }
        if (endpoint.isPresent()) {
            HttpCall call = toCall(ctx, request, path);
            workers.submit(() -> answer(endpoint.get(), call)).whenComplete((answer, failure) -> {
                if (failure == null) {
                    respond(ctx, keepAlive, HttpResponseStatus.valueOf(answer.status()), answer.contentType(),
                            answer.headers(), answer.body());
                } else {
                    ImException error = unwrap(failure);
                    respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
                }
            });
            return;
        }
        if (request.method() == HttpMethod.GET && path.equals("/favicon.ico")) {
            // what a browser asks for by itself on any page of this port: no icon, but no signature asked for either
            noIcon(ctx, keepAlive);
            return;
        }
        if (request.method() != HttpMethod.POST && request.method() != HttpMethod.GET) {
            ImException error = ImException.invalidParameter("method " + request.method() + " is not supported");
            respondJson(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, ApiEnvelope.error(error));
            return;
        }
        FullHttpRequest retained = request.retainedDuplicate();
        workers.submit(() -> dispatcher.dispatch(retained)).whenComplete((response, failure) -> {
            retained.release();
            String served = dispatcher.serves(path) ? path : StatisticsRecorder.OTHER;
            if (failure == null) {
                statistics.apiCall(served, 200);
                respondJson(ctx, keepAlive, HttpResponseStatus.OK, ApiEnvelope.success(response));
            } else {
                ImException error = unwrap(failure);
                statistics.apiCall(served, error.code());
                if (error.errorCode() == StandardErrorCode.RATE_LIMITED) {
                    statistics.refused(error.code());
                }
                respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
            }
        });
    }

    private static HttpAnswer answer(HttpEndpoint endpoint, HttpCall call) {
        try {
            return endpoint.handle(call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static HttpCall toCall(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        byte[] body = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), body);
        String clientIp = ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        return new HttpCall(request.method().name(), path, new QueryStringDecoder(request.uri()).parameters(), headers,
                body, clientIp);
    }

    private static ImException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ImException imException) {
            return imException;
        }
        log.warn("HTTP request failed", cause);
        return new ImException(StandardErrorCode.INTERNAL_ERROR, "internal error");
    }

    /** 204 for {@code /favicon.ico}, with no body and no length (a 204 has neither), cached for a day. */
    private static void noIcon(ChannelHandlerContext ctx, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "max-age=86400");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void respondJson(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body) {
        respond(ctx, keepAlive, status, "application/json; charset=utf-8", body);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
            String contentType, byte[] body) {
        respond(ctx, keepAlive, status, contentType, Map.of(), body);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
            String contentType, Map<String, String> headers, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        headers.forEach((name, value) -> response.headers().set(name, value));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Every server-API path served, sorted; for tests and tools inside the project. */
    public SortedSet<String> routePaths() {
        return dispatcher.routePaths();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
