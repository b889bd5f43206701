package org.tonle.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;

/**
 * Requests the HTTP decoder could not read (a bad request or header line, a request line or
 * headers over Netty's limits). They never reach the router, and Vert.x's own answer to them had
 * none of the security headers and no error body. Here they get both, with the catalogue's code,
 * and the connection is closed, since the rest of what the client sent cannot be trusted.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

    @Override
    public void handle(HttpServerRequest request) {
        ProblemCode code = code(request.decoderResult().cause());
        String requestId = UUID.randomUUID().toString();
        Hardening.secure(request.response());
        request.response()
                .setStatusCode(code.status())
                .putHeader("X-Request-Id", requestId)
                .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(FailureHandler.body(Problem.of(code), requestId).toBuffer())
                .onComplete(done -> request.connection().close());
    }

    /** Netty says which limit a request broke only in its message (as Vert.x's default handler reads it too). */
    private static ProblemCode code(Throwable cause) {
        if (cause instanceof TooLongFrameException && cause.getMessage() != null) {
            if (cause.getMessage().startsWith("An HTTP line is larger than")) {
                return ProblemCode.REQUEST_URI_TOO_LONG;
            }
            if (cause.getMessage().startsWith("HTTP header is larger than")) {
                return ProblemCode.REQUEST_HEADERS_TOO_LARGE;
            }
        }
        return ProblemCode.REQUEST_BAD_HTTP;
    }
}
