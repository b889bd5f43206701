package org.tonle.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.http.Requests;
import org.tonle.http.Responses;
import org.tonle.store.DuplicateKeys;

/** Logging in, and the admin's management of accounts. */
public final class AuthRoutes {

    private final Accounts accounts;
    private final Access access;
    private final Predicate<String> formExists;

    private final org.tonle.audit.Audit audit;

    public AuthRoutes(Accounts accounts, Access access, Predicate<String> formExists, org.tonle.audit.Audit audit) {
        this.accounts = accounts;
        this.access = access;
        this.formExists = formExists;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.post("/api/v1/auth/token").handler(this::token);
        router.get("/api/v1/me").handler(access.allow(Role.values())).handler(this::me);
        router.get("/api/v1/users").handler(access.allow(Role.ADMIN)).handler(this::list);
        router.post("/api/v1/users").handler(access.allow(Role.ADMIN)).handler(this::create);
        router.get("/api/v1/users/:id").handler(access.allow(Role.ADMIN)).handler(this::show);
        router.patch("/api/v1/users/:id").handler(access.allow(Role.ADMIN)).handler(this::update);
    }

    private void token(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        String username = string(body, "username");
        String password = string(body, "password");
        accounts.login(username, password, ctx.request().remoteAddress().hostAddress()).onSuccess(r -> Responses.json(ctx, 200,
                new JsonObject()
                        .put("token", r.token().token())
                        .put("expiresAt", r.token().expiresAt().toString())
                        .put("role", r.account().role().id())
                        .put("username", r.account().username()))).onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        Principal p = Access.principal(ctx);
        Responses.json(ctx, 200, new JsonObject().put("id", p.id()).put("username", p.username()).put("role", p.role().id())
                .put("forms", new JsonArray(p.forms().stream().sorted().toList())));
    }

    private void list(RoutingContext ctx) {
        accounts.all().onSuccess(all -> Responses.json(ctx, 200,
                new JsonObject().put("users", new JsonArray(all.stream().map(AccountJson::view).toList())))).onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        accounts.find(id).onSuccess(a -> {
            if (a == null) {
                ctx.fail(Problem.of(ProblemCode.USER_NOT_FOUND, "id", id));
            } else {
                Responses.json(ctx, 200, AccountJson.view(a));
            }
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, Set.of("username", "password", "role", "forms"));
        String username = string(body, "username");
        if (!Usernames.valid(username)) {
            throw Problem.invalid("a username is 2 to 64 letters (Khmer or Latin), digits, '.', '-' or '_'",
                    "ឈ្មោះអ្នកប្រើមានពី ២ ដល់ ៦៤ តួអក្សរ (ខ្មែរ ឬឡាតាំង) លេខ '.' '-' ឬ '_'");
        }
        String password = password(string(body, "password"));
        Role role = role(body.getValue("role"));
        Set<String> forms = body.containsKey("forms") ? forms(body.getValue("forms")) : Set.of();
        accounts.create(username, password, role, forms)
                .compose(a -> audit.record(Actors.of(ctx), "user.create", new JsonObject().put("userId", a.id()), null,
                        AccountJson.view(a)).map(a))
                .onSuccess(a -> Responses.json(ctx, 201, AccountJson.view(a)))
                .onFailure(e -> ctx.fail(DuplicateKeys.isDuplicate(e)
                        ? Problem.of(ProblemCode.USER_EXISTS, "username", Usernames.display(username)) : e));
    }

    private void update(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        allowOnly(body, Set.of("password", "role", "forms", "disabled", "team"));
        Object disabled = body.getValue("disabled");
        if (disabled != null && !(disabled instanceof Boolean)) {
            throw Problem.invalid("'disabled' must be true or false", "'disabled' ត្រូវតែជា true ឬ false");
        }
        Accounts.Change change = new Accounts.Change(
                body.containsKey("role") ? role(body.getValue("role")) : null,
                (Boolean) disabled,
                body.containsKey("password") ? password(string(body, "password")) : null,
                body.containsKey("forms") ? forms(body.getValue("forms")) : null,
                body.containsKey("team") ? team(body.getValue("team")) : null);
        String id = ctx.pathParam("id");
        accounts.find(id).compose(before -> accounts.update(id, change).compose(a -> audit.record(Actors.of(ctx), action(change),
                new JsonObject().put("userId", id), before == null ? null : AccountJson.view(before),
                AccountJson.view(a).put("passwordChanged", change.password() != null ? true : null)).map(a)))
                .onSuccess(a -> Responses.json(ctx, 200, AccountJson.view(a))).onFailure(ctx::fail);
    }

    /** The audit action of a user change: the role, the team and assignments are told apart from the rest. */
    private static String action(Accounts.Change change) {
        return change.role() != null ? "user.role" : change.team() != null ? "user.team" : change.forms() != null ? "user.assignment"
                : "user.update";
    }

    private Set<String> forms(Object value) {
        if (!(value instanceof JsonArray array)) {
            throw Problem.invalid("'forms' must be a list of form ids", "'forms' ត្រូវតែជាបញ្ជីលេខសម្គាល់ទម្រង់បែបបទ");
        }
        Set<String> forms = new HashSet<>();
        for (Object f : array) {
            if (!(f instanceof String id) || !formExists.test(id)) {
                throw Problem.of(ProblemCode.FORM_NOT_FOUND, "id", String.valueOf(f));
            }
            forms.add(id);
        }
        return forms;
    }

    /** A supervisor's team: user ids (checked when the account is written: they must be enumerators). */
    private static Set<String> team(Object value) {
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(m -> !(m instanceof String))) {
            throw Problem.invalid("'team' must be a list of user ids", "'team' ត្រូវតែជាបញ្ជីលេខសម្គាល់អ្នកប្រើ");
        }
        Set<String> team = new HashSet<>();
        array.forEach(m -> team.add((String) m));
        return team;
    }

    private static Role role(Object value) {
        return Role.parse(value).orElseThrow(() -> Problem.invalid(
                "'role' must be admin, analyst, supervisor, enumerator, organizer or viewer",
                "'role' ត្រូវតែជា admin, analyst, supervisor, enumerator, organizer ឬ viewer"));
    }

    private static String password(String password) {
        if (password.length() < Passwords.MIN_LENGTH || password.length() > 256) {
            throw Problem.invalid("a password has " + Passwords.MIN_LENGTH + " to 256 characters",
                    "ពាក្យសម្ងាត់មានពី " + Passwords.MIN_LENGTH + " ដល់ ២៥៦ តួអក្សរ");
        }
        return password;
    }

    private static void allowOnly(JsonObject body, Set<String> keys) {
        for (String key : body.fieldNames()) {
            if (!keys.contains(key)) {
                throw Problem.invalid("unknown field '" + key + "'; allowed: " + String.join(", ", keys.stream().sorted().toList()),
                        "វាល '" + key + "' មិនស្គាល់");
            }
        }
    }

    private static String string(JsonObject body, String key) {
        if (!(body.getValue(key) instanceof String s) || s.isBlank()) {
            throw Problem.invalid("'" + key + "' is required and must be text", "'" + key + "' ត្រូវតែមាន ហើយជាអក្សរ");
        }
        return s;
    }
}
