package org.tonle.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/**
 * The handlers routes declare to say who may call them: {@code allow(Role...)} needs a valid user
 * token of one of the roles; {@code identify()} lets anyone through but reads a token if one is sent.
 * A bad token is always 401, never silently ignored.
 */
public final class Access {

    private static final String PRINCIPAL = "principal";
    private static final String BEARER = "Bearer ";

    private final Accounts accounts;

    public Access(Accounts accounts) {
        this.accounts = accounts;
    }

    public Handler<RoutingContext> allow(Role... roles) {
        return ctx -> authenticate(ctx, bearer(ctx), roles);
    }

    /**
     * As {@link #allow}, also taking the token from {@code ?access_token=}: a browser's EventSource
     * cannot send headers.
     */
    public Handler<RoutingContext> allowStream(Role... roles) {
        return ctx -> {
            String token = bearer(ctx);
            authenticate(ctx, token != null ? token : ctx.queryParams().get("access_token"), roles);
        };
    }

    /**
     * For a long-lived response (the live stream): answers whether the token that opened it still
     * admits one of {@code roles}, so the stream can end once its account is disabled, its role or
     * password changed, or the token expired.
     */
    public java.util.function.Supplier<io.vertx.core.Future<Boolean>> stillAllowed(RoutingContext ctx, Role... roles) {
        String header = bearer(ctx);
        String token = header != null ? header : ctx.queryParams().get("access_token");
        return () -> accounts.authenticate(token).map(p -> Arrays.asList(roles).contains(p.role())).otherwise(false);
    }

    public Handler<RoutingContext> identify() {
        return ctx -> {
            String token = bearer(ctx);
            if (token == null) {
                ctx.next();
            } else {
                authenticate(ctx, token, Role.values());
            }
        };
    }

    /** Who is calling; null on a public route called without a token. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    private void authenticate(RoutingContext ctx, String token, Role[] roles) {
        if (token == null) {
            ctx.fail(Problem.of(ProblemCode.AUTH_REQUIRED));
            return;
        }
        accounts.authenticate(token).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(Problem.of(ProblemCode.AUTH_REQUIRED));
            } else if (!Arrays.asList(roles).contains(result.result().role())) {
                ctx.fail(Problem.of(ProblemCode.AUTH_FORBIDDEN));
            } else {
                ctx.put(PRINCIPAL, result.result());
                ctx.next();
            }
        });
    }

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            return null;
        }
        // a header that is there but not a bearer token is a bad token, not an anonymous call
        return header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()).trim() : "";
    }
}
