package org.tonle.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signs and checks JSON Web Tokens (HS256, vertx-auth-jwt). Two kinds: a user's access token
 * ({@code typ} "user": subject = account id, {@code ver} = the account's token version) and a
 * poll respondent's token ({@code typ} "respondent": subject = a random device id, {@code poll}).
 * Signature, algorithm, key id, expiry and not-before are all checked.
 */
public final class Tokens {

    public record Issued(String token, Instant expiresAt) {}

    private static final String ALGORITHM = "HS256";
    private static final String ISSUER = "tonle";

    private final JWTAuth signer;
    private final JWTAuth verifier;
    private final Set<String> kids;
    private final Duration userLifetime;

    public Tokens(Vertx vertx, SigningKeys keys, Duration userLifetime) {
        this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(options(keys.current())));
        JWTAuthOptions all = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5));
        keys.keys().forEach(k -> all.addPubSecKey(options(k)));
        this.verifier = JWTAuth.create(vertx, all);
        this.kids = keys.keys().stream().map(SigningKeys.Key::kid).collect(Collectors.toUnmodifiableSet());
        this.userLifetime = userLifetime;
    }

    public Issued forUser(Account account) {
        return issue(new JsonObject().put("sub", account.id()).put("typ", "user").put("ver", account.tokenVersion()), userLifetime);
    }

    public Issued forRespondent(String poll, String respondent, Duration lifetime) {
        return issue(new JsonObject().put("sub", respondent).put("typ", "respondent").put("poll", poll), lifetime);
    }

    /** The claims of a valid token of the given type; a failed future for any other. */
    public Future<JsonObject> verify(String token, String type) {
        String kid = token == null ? null : kid(token);
        if (kid == null || !kids.contains(kid)) {
            return Future.failedFuture("unknown key id");
        }
        return verifier.authenticate(new TokenCredentials(token)).compose(user -> {
            JsonObject claims = user.principal();
            return type.equals(claims.getString("typ")) && claims.getString("sub") != null
                    && user.get("exp") != null
                    ? Future.succeededFuture(claims)
                    : Future.failedFuture("wrong token type");
        });
    }

    private Issued issue(JsonObject claims, Duration lifetime) {
        Instant now = Instant.now();
        claims.put("nbf", now.getEpochSecond());
        String token = signer.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER)
                .setExpiresInSeconds((int) lifetime.toSeconds()));
        return new Issued(token, Instant.ofEpochSecond(now.getEpochSecond() + lifetime.toSeconds()));
    }

    /** The {@code kid} of a token's header, or null when it has none or cannot be read. */
    private static String kid(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            return new JsonObject(new String(header, StandardCharsets.UTF_8)).getString("kid");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PubSecKeyOptions options(SigningKeys.Key key) {
        return new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(key.secretBase64()).setId(key.kid());
    }
}
