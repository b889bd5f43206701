package org.tonle.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code users} collection: one document per account, unique on the compared username. */
public final class AccountStore {

    private static final String COLLECTION = "users";

    private final MongoClient mongo;

    public AccountStore(MongoClient mongo) {
        this.mongo = mongo;
    }

    Future<Void> ensureIndexes() {
        return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("key", 1), new IndexOptions().unique(true).name("username"));
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

    Future<List<Account>> all() {
        return mongo.findWithOptions(COLLECTION, new JsonObject(), new FindOptions().setSort(new JsonObject().put("key", 1)))
                .map(docs -> docs.stream().map(AccountStore::account).toList());
    }

    /** Fails with the driver's duplicate-key error when the username is taken. */
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
                .put("role", a.role().id())
                .put("passwordHash", a.passwordHash())
                .put("disabled", a.disabled())
                .put("forms", new JsonArray(new ArrayList<>(a.forms())))
                .put("tokenVersion", a.tokenVersion());
    }

    private static Account account(JsonObject doc) {
        if (doc == null) {
            return null;
        }
        Set<String> forms = new HashSet<>();
        doc.getJsonArray("forms", new JsonArray()).forEach(f -> forms.add((String) f));
        return new Account(doc.getString("_id"), doc.getString("username"), doc.getString("key"),
                Role.parse(doc.getString("role")).orElseThrow(), doc.getString("passwordHash"),
                doc.getBoolean("disabled", false), forms, doc.getInteger("tokenVersion", 0));
    }
}
