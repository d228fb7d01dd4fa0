package io.parley.kernel.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;

/**
 * Aggregates HTTP requests up to {@code server-api.max-request-bytes}, or up to a mounted endpoint's own
 * limit on that endpoint's paths ({@link HttpEndpoint#maxRequestBytes()}); a larger one is answered at once
 * with HTTP 413 and RongCloud's code 1508 in a JSON body; the rest of the body is discarded, not buffered.
 * A request whose length is not declared (chunked) is held to the largest limit here, and to its own by
 * {@link HttpApiHandler}.
 */
public final class JsonAwareAggregator extends HttpObjectAggregator {
    private final int serverApiLimit;
    private final HttpEndpoints endpoints;

    public JsonAwareAggregator(int serverApiLimit, HttpEndpoints endpoints) {
        super(endpoints.largestRequestBytes(serverApiLimit));
        this.serverApiLimit = serverApiLimit;
        this.endpoints = endpoints;
    }

    private int limitFor(HttpMessage message) {
        if (message instanceof HttpRequest request) {
            return endpoints.requestLimit(request.method().name(), new QueryStringDecoder(request.uri()).path(),
                    serverApiLimit);
        }
        return serverApiLimit;
    }

    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        return super.isContentLengthInvalid(start, Math.min(maxContentLength, limitFor(start)));
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        byte[] body = ApiEnvelope.error(new ImException(StandardErrorCode.REQUEST_TOO_LARGE,
                "request body exceeds " + limitFor(oversized) + " bytes"));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        HttpUtil.setContentLength(response, body.length);
        // As Netty does: a keep-alive client still sending its body keeps the connection while the aggregator
        // discards the rest, so it reads this answer instead of a reset; anything else is closed once answered.
        if (oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized)) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
