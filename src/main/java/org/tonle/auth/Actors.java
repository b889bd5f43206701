package org.tonle.auth;

import io.vertx.ext.web.RoutingContext;
import org.tonle.audit.Audit;

/** The audit log's actor of a request: the account that made it and the address it came from. */
public final class Actors {

    private Actors() {
    }

    public static Audit.Actor of(RoutingContext ctx) {
        Principal who = Access.principal(ctx);
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        return who == null ? new Audit.Actor(null, null, null, address)
                : new Audit.Actor(who.id(), who.username(), who.role().id(), address);
    }
}
