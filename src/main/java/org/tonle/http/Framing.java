package org.tonle.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests whose body length could be read two ways (request smuggling: a proxy in front that
 * believes Content-Length while this server believes Transfer-Encoding would see a different
 * request after the body). RFC 9112 section 6.1: such a request may be refused, or read by its
 * Transfer-Encoding alone, and either way the connection must be closed after the response.
 *
 * <p>Netty, under Vert.x, drops Content-Length when chunked Transfer-Encoding is also present and
 * reads the body as chunked, before any handler sees the request; Vert.x 5 has no hook that runs
 * before the first request of a connection is decoded. So: a request where both headers still
 * arrive, or with any transfer coding but plain {@code chunked} (e.g. "gzip, chunked",
 * "chunked, chunked"), is refused with 400; and every chunked request is answered with
 * {@code Connection: close}, so that nothing sent after its body on that connection is ever read.
 */
public final class Framing {

    private Framing() {
    }

    /** Closes the connection once what was written is flushed; nothing further on it is read. */
    private static void closeNow(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection) {
            connection.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.request().connection().close();
        }
    }

    /** First in the route chain. */
    public static void refuseAmbiguous(RoutingContext ctx) {
        String transferEncoding = ctx.request().getHeader("Transfer-Encoding");
        if (transferEncoding == null) {
            ctx.next();
            return;
        }
        // the header alone does not make Vert.x close, and its close() lets requests already received finish
        ctx.response().putHeader("Connection", "close");
        ctx.addEndHandler(sent -> closeNow(ctx));
        boolean both = ctx.request().getHeader("Content-Length") != null;
        if (both || !transferEncoding.trim().equalsIgnoreCase("chunked") || ctx.request().headers().getAll("Transfer-Encoding").size() > 1) {
            ctx.fail(Problem.invalid("the body's length must be given once: Content-Length, or Transfer-Encoding: chunked alone",
                    "ប្រវែងនៃខ្លឹមសារត្រូវផ្ដល់តែម្ដង៖ Content-Length ឬ Transfer-Encoding: chunked តែមួយគត់"));
            return;
        }
        ctx.next();
    }
}
