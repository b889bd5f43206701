package org.tonle.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads request bodies up to the limit. Plain bodies go through Vert.x's BodyHandler. Compressed
 * ones (gzip, deflate) are inflated here rather than by Netty, which inflated a whole body on the
 * event loop before anything counted it: a 900 KB gzip that inflates to 900 MB held every other
 * request for seconds. Here inflating stops at the limit with 413 and the connection is closed,
 * and the event loop is given back after every {@link #TURN_BYTES} of output.
 */
public final class RequestBodies implements Handler<RoutingContext> {

    /** Inflating this much takes about a millisecond. */
    static final int TURN_BYTES = 256 * 1024;
    private static final long LINGER_MILLIS = 2000;

    private final long limit;
    private final BodyHandler plain;

    public RequestBodies(long limit) {
        this.limit = limit;
        this.plain = BodyHandler.create(false).setBodyLimit(limit);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            plain.handle(ctx);
            return;
        }
        BoundedInflater.format(encoding).ifPresentOrElse(
                format -> new Inflation(ctx, new BoundedInflater(format, limit)).start(),
                () -> ctx.fail(Problem.of(ProblemCode.REQUEST_UNSUPPORTED_ENCODING, "encoding",
                        encoding.length() > 40 ? encoding.substring(0, 40) + "…" : encoding)));
    }

    /** One compressed body being read. Runs on the request's event loop only. */
    private final class Inflation {

        private final RoutingContext ctx;
        private final HttpServerRequest request;
        private final BoundedInflater inflater;
        private boolean ended;
        private boolean yielded;
        private boolean done;

        Inflation(RoutingContext ctx, BoundedInflater inflater) {
            this.ctx = ctx;
            this.request = ctx.request();
            this.inflater = inflater;
        }

        void start() {
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
                tooLarge();
                return;
            }
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT)) && request.version() != HttpVersion.HTTP_1_0) {
                ctx.response().writeContinue();
            }
            request.handler(this::received).endHandler(v -> {
                ended = true;
                if (done && ctx.response().ended()) {
                    request.connection().close();
                }
                drain();
            }).exceptionHandler(e -> stop()).resume();
        }

        private void received(Buffer piece) {
            if (done) {
                return;
            }
            try {
                inflater.add(piece.getBytes());
                drain();
            } catch (BoundedInflater.TooLarge e) {
                tooLarge();
            }
        }

        private void drain() {
            if (done || yielded) {
                return;
            }
            try {
                if (inflater.inflate(TURN_BYTES)) {
                    yieldTurn();
                } else if (ended) {
                    byte[] body = inflater.finish();
                    done = true;
                    // what BodyHandler itself does with a body it has read (there is no public setter)
                    ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
                    ((RoutingContextInternal) ctx).setBody(Buffer.buffer(body));
                    ctx.next();
                }
            } catch (BoundedInflater.TooLarge e) {
                tooLarge();
            } catch (BoundedInflater.Damaged e) {
                closeAfterAnswer();
                ctx.fail(Problem.of(ProblemCode.REQUEST_BAD_COMPRESSION));
            }
        }

        /** Lets other requests on this event loop run before inflating more. */
        private void yieldTurn() {
            yielded = true;
            if (!ended) {
                request.pause();
            }
            ctx.vertx().runOnContext(v -> {
                yielded = false;
                if (!ended && !done) {
                    request.resume();
                }
                drain();
            });
        }

        private void tooLarge() {
            closeAfterAnswer();
            ctx.fail(413);
        }

        /**
         * The rest of the body is read and dropped, never inflated, so that the client gets to read
         * the answer rather than a reset connection; the connection closes when the body ends or
         * {@link #LINGER_MILLIS} after the answer, whichever comes first.
         */
        private void closeAfterAnswer() {
            stop();
            if (request.version() == HttpVersion.HTTP_2) {
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(answered -> {
                if (ended) {
                    request.connection().close();
                } else {
                    ctx.vertx().setTimer(LINGER_MILLIS, t -> request.connection().close());
                }
            });
        }

        private void stop() {
            done = true;
            inflater.abandon();
        }
    }
}
