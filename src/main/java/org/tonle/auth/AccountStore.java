package org.tonle.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code users} collection: one document per account, unique on the looked-up username (key)
 * and on its skeleton, so two look-alike names cannot both be stored.
 */
public final class AccountStore {

    private static final Logger log = LoggerFactory.getLogger(AccountStore.class);
    private static final String COLLECTION = "users";

    private final MongoClient mongo;

    public AccountStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** The skeleton index comes after {@link #addSkeletons()}: a unique index cannot be built over many missing values. */
    Future<Void> ensureIndexes() {
        return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("key", 1), new IndexOptions().unique(true).name("username"))
                .compose(v -> addSkeletons())
                .compose(v -> mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("skeleton", 1),
                        new IndexOptions().unique(true).name("username_skeleton")));
    }

    /**
     * Accounts stored before names were compared by skeleton get one, and their key in today's form.
     * Of two existing look-alikes, the older keeps the skeleton; the other is logged to be renamed
     * or disabled, and gets one no new name can match.
     */
    private Future<Void> addSkeletons() {
        return all().compose(accounts -> {
            Set<String> taken = accounts.stream().map(Account::skeleton).filter(Objects::nonNull).collect(Collectors.toSet());
            Future<Void> chain = Future.succeededFuture();
            for (Account a : accounts.stream().filter(a -> a.skeleton() == null).sorted(Comparator.comparing(Account::id)).toList()) {
                String skeleton = Usernames.skeleton(a.username());
                JsonObject set = new JsonObject().put("skeleton", skeleton).put("key", Usernames.key(a.username()));
                if (!taken.add(skeleton)) {
                    log.warn("user '{}' ({}) looks like an older user's name: disable it or make a new account", a.username(), a.id());
                    set = new JsonObject().put("skeleton", skeleton + "#" + a.id());
                }
                JsonObject update = new JsonObject().put("$set", set);
                chain = chain.compose(v -> mongo.updateCollection(COLLECTION, new JsonObject().put("_id", a.id()), update).mapEmpty());
            }
            return chain;
        });
    }

    Future<Account> byKey(String key) {
        return mongo.findOne(COLLECTION, new JsonObject().put("key", key), null).map(AccountStore::account);
    }

    Future<Account> byId(String id) {
        return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null).map(AccountStore::account);
    }

    Future<Long> count() {
        return mongo.count(COLLECTION, new JsonObject());
    }

    Future<Long> enabledAdmins() {
        return mongo.count(COLLECTION, new JsonObject().put("role", Role.ADMIN.id()).put("disabled", false));
    }

    Future<List<Account>> all() {
        return mongo.findWithOptions(COLLECTION, new JsonObject(), new FindOptions().setSort(new JsonObject().put("key", 1)))
                .map(docs -> docs.stream().map(AccountStore::account).toList());
    }

    /** Fails with the driver's duplicate-key error when the username, or one that looks like it, is taken. */
    Future<Void> insert(Account a) {
        return mongo.insert(COLLECTION, document(a)).mapEmpty();
    }

    /** Replaces the account if its token version is still the one read, so two admins' edits don't interleave. */
    Future<Boolean> replace(Account updated, int expectedVersion) {
        JsonObject query = new JsonObject().put("_id", updated.id()).put("tokenVersion", expectedVersion);
        return mongo.replaceDocuments(COLLECTION, query, document(updated)).map(r -> r.getDocMatched() == 1);
    }

    private static JsonObject document(Account a) {
        return new JsonObject()
                .put("_id", a.id())
                .put("username", a.username())
                .put("key", a.key())
                .put("skeleton", a.skeleton())
                .put("role", a.role().id())
                .put("passwordHash", a.passwordHash())
                .put("disabled", a.disabled())
                .put("forms", new JsonArray(new ArrayList<>(a.forms())))
                .put("team", new JsonArray(new ArrayList<>(a.team())))
                .put("tokenVersion", a.tokenVersion());
    }

    private static Account account(JsonObject doc) {
        if (doc == null) {
            return null;
        }
        Set<String> forms = new HashSet<>();
        doc.getJsonArray("forms", new JsonArray()).forEach(f -> forms.add((String) f));
        Set<String> team = new HashSet<>();
        doc.getJsonArray("team", new JsonArray()).forEach(m -> team.add((String) m));
        return new Account(doc.getString("_id"), doc.getString("username"), doc.getString("key"), doc.getString("skeleton"),
                Role.parse(doc.getString("role")).orElseThrow(), doc.getString("passwordHash"),
                doc.getBoolean("disabled", false), forms, doc.getInteger("tokenVersion", 0), team);
    }
}
