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
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.history.HistoryDownloads;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the HTTP port: {@code POST /<area>/<action>.json} server-API calls (run on the worker
 * pool), {@code GET /metrics} (Prometheus), {@code GET /health} and, when given, signed
 * {@code GET /history/files/…} downloads (zip bytes). Every other answer is a JSON object with a
 * numeric {@code code}, whatever the HTTP status.
 */
@Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

    private final ServerApiDispatcher dispatcher;
    private final WorkerPool workers;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final Optional<HistoryDownloads> downloads;

    public HttpApiHandler(ServerApiDispatcher dispatcher, WorkerPool workers, Optional<PrometheusMeterRegistry> prometheus) {
        this(dispatcher, workers, prometheus, Optional.empty());
    }

    /** With {@code downloads}: also serves signed {@code GET /history/files/…} links (hourly history files). */
    public HttpApiHandler(ServerApiDispatcher dispatcher, WorkerPool workers, Optional<PrometheusMeterRegistry> prometheus,
            Optional<HistoryDownloads> downloads) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.prometheus = prometheus;
        this.downloads = downloads;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method() == HttpMethod.GET && path.equals("/metrics") && prometheus.isPresent()) {
            respond(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.get().scrape().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (request.method() == HttpMethod.GET && path.equals("/health")) {
            respondJson(ctx, keepAlive, HttpResponseStatus.OK, "{\"code\":200,\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (request.method() == HttpMethod.GET && downloads.isPresent() && downloads.get().handles(path)) {
            java.util.Map<String, java.util.List<String>> query = new QueryStringDecoder(request.uri()).parameters();
            workers.submit(() -> downloads.get().download(path, query)).whenComplete((bytes, failure) -> {
                if (failure == null) {
                    respond(ctx, keepAlive, HttpResponseStatus.OK, "application/zip", bytes);
                } else {
                    ImException error = unwrap(failure);
                    respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
                }
            });
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
            if (failure == null) {
                respondJson(ctx, keepAlive, HttpResponseStatus.OK, ApiEnvelope.success(response));
            } else {
                ImException error = unwrap(failure);
                respondJson(ctx, keepAlive, ApiEnvelope.status(error.errorCode()), ApiEnvelope.error(error));
            }
        });
    }

    private static ImException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ImException imException) {
            return imException;
        }
        log.warn("server-API request failed", cause);
        return new ImException(StandardErrorCode.INTERNAL_ERROR, "internal error");
    }

    static void respondJson(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body) {
        respond(ctx, keepAlive, status, "application/json; charset=utf-8", body);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
            String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
