package org.tonle.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.tonle.auth.Access;
import org.tonle.auth.Role;
import org.tonle.http.Problem;
import org.tonle.http.Responses;

/** {@code GET /api/v1/audit?action=&actor=&since=&until=&limit=&after=}: the audit log, for admins, a page at a time. */
public final class AuditRoutes {

    private static final Pattern CURSOR = Pattern.compile("[0-9a-f]{24}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final Audit audit;
    private final Access access;

    public AuditRoutes(Audit audit, Access access) {
        this.audit = audit;
        this.access = access;
    }

    public void mount(Router router) {
        router.get("/api/v1/audit").handler(access.allow(Role.ADMIN)).handler(this::page);
    }

    private void page(RoutingContext ctx) {
        String after = ctx.queryParams().get("after");
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw Problem.invalid("'after' must be the 'next' value of a previous page", "'after' ត្រូវតែជាតម្លៃ 'next' នៃទំព័រមុន");
        }
        int limit = limit(ctx.queryParams().get("limit"));
        audit.page(ctx.queryParams().get("action"), ctx.queryParams().get("actor"), instant(ctx, "since"), instant(ctx, "until"),
                after, limit).onSuccess(entries -> Responses.json(ctx, 200, body(entries, limit))).onFailure(ctx::fail);
    }

    private static JsonObject body(List<JsonObject> entries, int limit) {
        JsonArray list = new JsonArray();
        entries.forEach(e -> {
            JsonObject view = e.copy();
            view.put("id", view.remove("_id"));
            Object at = view.getValue("at");
            view.put("at", at instanceof JsonObject d ? d.getString("$date") : at);
            list.add(view);
        });
        String next = entries.size() == limit ? entries.get(entries.size() - 1).getString("_id") : null;
        return new JsonObject().put("entries", list).put("next", next);
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null) {
            return null;
        }
        try {
            return raw.length() == 10 ? Instant.parse(raw + "T00:00:00Z") : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalid("'" + name + "' must be an ISO date or date and time", "'" + name + "' ត្រូវតែជាកាលបរិច្ឆេទ ISO");
        }
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problem.invalid("'limit' must be a whole number from 1 to " + MAX_LIMIT, "'limit' ត្រូវតែជាចំនួនគត់ពី 1 ដល់ " + MAX_LIMIT);
    }
}
