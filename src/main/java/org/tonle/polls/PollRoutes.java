package org.tonle.polls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.tonle.auth.Access;
import org.tonle.auth.Principal;
import org.tonle.auth.Role;
import org.tonle.auth.Tokens;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.FormJson;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.RateLimiter;
import org.tonle.http.Requests;
import org.tonle.http.Responses;

/**
 * Community polls: organisers create them; anyone with the code answers once, without an account.
 * Answers are limited per address; results are public only if the organiser chose so.
 */
public final class PollRoutes {

    /** One cookie per poll, for every spelling of its address (codes may be typed in lower case). */
    private static final String COOKIE = "tonle_respondent_";
    private static final String COOKIE_PATH = "/api/v1/polls";
    private static final long MINUTE = 60_000;

    private final PollService polls;
    private final FormCatalog catalog;
    private final Access access;
    private final Optional<String> publicUrl;
    private final RateLimiter answers;
    private final RateLimiter visits;

    private final org.tonle.audit.Audit audit;

    public PollRoutes(PollService polls, FormCatalog catalog, Access access, Optional<String> publicUrl, int answersPerMinute,
            org.tonle.audit.Audit audit) {
        this.audit = audit;
        this.polls = polls;
        this.catalog = catalog;
        this.access = access;
        this.publicUrl = publicUrl;
        this.answers = new RateLimiter(answersPerMinute, MINUTE);
        this.visits = new RateLimiter(answersPerMinute * 10, MINUTE);
    }

    public void mount(Router router) {
        router.post("/api/v1/polls").handler(access.allow(Role.ORGANIZER, Role.ADMIN)).handler(this::create);
        router.get("/api/v1/polls").handler(access.allow(Role.ORGANIZER, Role.ADMIN)).handler(this::list);
        router.get("/api/v1/polls/:code").handler(this::open);
        router.get("/api/v1/polls/:code/qr.png").handler(this::qr);
        router.post("/api/v1/polls/:code/responses").handler(this::answer);
        router.get("/api/v1/polls/:code/results").handler(access.identify()).handler(this::results);
    }

    private void create(RoutingContext ctx) {
        PollRequest request = PollRequest.parse(Requests.jsonObject(ctx), catalog);
        polls.create(request, Access.principal(ctx).id())
                .compose(poll -> audit.record(org.tonle.auth.Actors.of(ctx), "poll.create", new JsonObject().put("code", poll.code()),
                        null, null).map(poll))
                .onSuccess(poll -> Responses.json(ctx, 201, summary(ctx, poll)))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal who = Access.principal(ctx);
        polls.pollsOf(who.is(Role.ADMIN) ? null : who.id()).onSuccess(list -> Responses.json(ctx, 200,
                new JsonObject().put("polls", new JsonArray(list.stream().map(p -> summary(ctx, p)).toList())))).onFailure(ctx::fail);
    }

    /** The poll and a respondent token for this device (kept from its cookie when it has one). */
    private void open(RoutingContext ctx) {
        limit(visits, ctx);
        polls.find(ctx.pathParam("code")).compose(poll -> {
            Cookie kept = ctx.request().getCookie(COOKIE + poll.code());
            return (kept == null ? io.vertx.core.Future.<String>failedFuture("none") : polls.respondent(poll, kept.getValue()).map(kept.getValue()))
                    .recover(none -> {
                        Tokens.Issued issued = polls.respondentToken(poll);
                        ctx.response().addCookie(Cookie.cookie(COOKIE + poll.code(), issued.token())
                                .setPath(COOKIE_PATH)
                                .setHttpOnly(true)
                                .setSecure(secure(ctx))
                                .setSameSite(CookieSameSite.STRICT)
                                .setMaxAge(Duration.between(Instant.now(), issued.expiresAt()).toSeconds()));
                        return io.vertx.core.Future.succeededFuture(issued.token());
                    })
                    .map(token -> summary(ctx, poll).put("form", FormJson.definition(poll.form())).put("respondentToken", token));
        }).onSuccess(body -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            Responses.json(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void answer(RoutingContext ctx) {
        limit(answers, ctx);
        JsonObject body = Requests.jsonObject(ctx);
        Object given = body.remove("respondentToken");
        polls.find(ctx.pathParam("code"))
                .compose(poll -> polls.respondent(poll, given instanceof String s ? s : cookie(ctx, poll)).compose(respondent -> polls.answer(poll, respondent, body.getMap())))
                .onSuccess(outcome -> Responses.json(ctx, outcome == PollService.Answered.ACCEPTED ? 201 : 200,
                        new JsonObject().put("status", outcome.name().toLowerCase(java.util.Locale.ROOT))))
                .onFailure(ctx::fail);
    }

    private void results(RoutingContext ctx) {
        polls.find(ctx.pathParam("code")).compose(poll -> {
            Principal who = Access.principal(ctx);
            boolean allowed = poll.publicResults() || (who != null
                    && (who.is(Role.ADMIN, Role.ANALYST) || who.id().equals(poll.owner())));
            if (!allowed) {
                return io.vertx.core.Future.<JsonObject>failedFuture(Problem.of(ProblemCode.POLL_RESULTS_PRIVATE));
            }
            return live(who, poll) ? polls.results(poll) : polls.published(poll);
        }).onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    /**
     * Whether the caller sees the answers as they are now: admins and analysts, and the organiser
     * once the poll has closed. Before then the organiser sees what the public sees, since a
     * change of one answer would tell them that respondent's answers.
     */
    private static boolean live(Principal who, Poll poll) {
        return who != null && (who.is(Role.ADMIN, Role.ANALYST)
                || (who.id().equals(poll.owner()) && !Instant.now().isBefore(poll.closesAt())));
    }

    private void qr(RoutingContext ctx) {
        polls.find(ctx.pathParam("code"))
                .compose(poll -> ctx.vertx().executeBlocking(() -> QrCodes.png(url(ctx, poll)), false))
                .onSuccess(png -> ctx.response().putHeader("content-type", "image/png")
                        .putHeader("Cache-Control", "public, max-age=86400").end(Buffer.buffer(png)))
                .onFailure(ctx::fail);
    }

    private static String cookie(RoutingContext ctx, Poll poll) {
        Cookie cookie = ctx.request().getCookie(COOKIE + poll.code());
        return cookie == null ? null : cookie.getValue();
    }

    private JsonObject summary(RoutingContext ctx, Poll poll) {
        return new JsonObject()
                .put("code", poll.code())
                .put("title", Responses.text(poll.title()))
                .put("formId", poll.ownQuestions() ? null : poll.form().id())
                .put("opensAt", poll.opensAt().toString())
                .put("closesAt", poll.closesAt().toString())
                .put("open", poll.openAt(Instant.now()))
                .put("cap", poll.cap() == 0 ? null : poll.cap())
                .put("publicResults", poll.publicResults())
                .put("url", url(ctx, poll))
                .put("qr", "/api/v1/polls/" + poll.code() + "/qr.png");
    }

    /** Where people open the poll: the configured public address, else the one this request came to. */
    private String url(RoutingContext ctx, Poll poll) {
        String base = publicUrl.orElseGet(() -> (secure(ctx) ? "https" : "http") + "://" + ctx.request().getHeader("Host"));
        return base + "/p/" + poll.code();
    }

    private static boolean secure(RoutingContext ctx) {
        return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    }

    private static void limit(RateLimiter limiter, RoutingContext ctx) {
        RateLimiter.Decision d = limiter.acquire(ctx.request().remoteAddress().hostAddress());
        if (!d.allowed()) {
            throw Problem.of(ProblemCode.RATE_LIMITED, "retryAfter", String.valueOf(d.retryAfterSeconds()));
        }
    }
}
