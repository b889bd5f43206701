package org.tonle.polls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import org.tonle.auth.Tokens;
import org.tonle.forms.Form;
import org.tonle.forms.FormCatalog;
import org.tonle.forms.FormDefinitionException;
import org.tonle.forms.FormLoader;
import org.tonle.forms.Text;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;
import org.tonle.store.DuplicateKeys;
import org.tonle.submissions.AnswerValidator;
import org.tonle.submissions.Envelope;
import org.tonle.submissions.Incoming;
import org.tonle.submissions.SubmissionService;

/**
 * Creating polls, answering them once per respondent, and counting the answers. Polls do not
 * change once created, so a process keeps those it has read. Live results (for admins and
 * analysts, and the organiser once the poll has closed) are recounted at most every
 * {@link #RESULTS_MILLIS}; everyone else reads the stored publication ({@link #published}).
 */
public final class PollService {

    static final int MAX_QUESTIONS = 20;
    private static final int SHOWN_PROBLEMS = 10;
    private static final long RESULTS_MILLIS = 2_000;
    private static final int KEPT_POLLS = 1_000;

    /** The outcome of an answer: stored now, or a retry of one stored before. */
    public enum Answered { ACCEPTED, DUPLICATE }

    private record Counted(JsonObject results, long at) {}

    private final Vertx vertx;
    private final PollStore store;
    private final FormCatalog catalog;
    private final Tokens tokens;
    private final double maxWeight;
    private final Map<String, Poll> polls = new ConcurrentHashMap<>();
    private final Map<String, Counted> results = new ConcurrentHashMap<>();

    public PollService(Vertx vertx, PollStore store, FormCatalog catalog, Tokens tokens, double maxWeight) {
        this.maxWeight = maxWeight;
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    public Future<Void> start() {
        return store.ensureIndexes();
    }

    /** Creates a poll from a validated request; retries on the (rare) code already taken. */
    public Future<Poll> create(PollRequest request, String owner) {
        return create(request, owner, 5);
    }

    private Future<Poll> create(PollRequest request, String owner, int attempts) {
        String code = ShareCodes.next();
        Poll poll;
        try {
            poll = request.toPoll(code, owner, catalog);
        } catch (FormDefinitionException e) {
            return Future.failedFuture(invalid(e));
        }
        JsonObject doc = new JsonObject()
                .put("_id", code)
                .put("owner", owner)
                .put("title", new JsonObject(new java.util.LinkedHashMap<>(poll.title().byLanguage())))
                .put("opensAt", poll.opensAt().toString())
                .put("closesAt", poll.closesAt().toString())
                .put("cap", poll.cap())
                .put("publicResults", poll.publicResults())
                .put("responses", 0)
                .put("createdAt", Instant.now().toString());
        if (poll.ownQuestions()) {
            doc.put("definition", request.definition(code).encode());
        } else {
            doc.put("formId", poll.form().id());
        }
        return store.insertPoll(doc).map(v -> poll).recover(e -> DuplicateKeys.isDuplicate(e) && attempts > 1
                ? create(request, owner, attempts - 1) : Future.failedFuture(e));
    }

    /** The poll with this code (as typed); fails with poll.not_found. */
    public Future<Poll> find(String typedCode) {
        String code = ShareCodes.normalise(typedCode);
        if (code == null) {
            return Future.failedFuture(Problem.of(ProblemCode.POLL_NOT_FOUND, "code", String.valueOf(typedCode)));
        }
        Poll kept = polls.get(code);
        if (kept != null) {
            return Future.succeededFuture(kept);
        }
        return store.poll(code).compose(doc -> {
            if (doc == null) {
                return Future.failedFuture(Problem.of(ProblemCode.POLL_NOT_FOUND, "code", code));
            }
            Poll poll = fromDocument(doc);
            if (polls.size() >= KEPT_POLLS) {
                polls.clear();
            }
            polls.put(code, poll);
            return Future.succeededFuture(poll);
        });
    }

    public Future<List<Poll>> pollsOf(String owner) {
        return store.pollsOf(owner).map(docs -> docs.stream().map(this::fromDocument).toList());
    }

    public Tokens.Issued respondentToken(Poll poll) {
        Instant now = Instant.now();
        Duration untilClosed = Duration.between(now, poll.closesAt()).plusDays(1);
        Duration lifetime = untilClosed.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1)
                : untilClosed.compareTo(Duration.ofDays(90)) > 0 ? Duration.ofDays(90) : untilClosed;
        return tokens.forRespondent(poll.code(), UUID.randomUUID().toString(), lifetime);
    }

    /** The respondent id in a token for this poll; fails with poll.respondent_required. */
    public Future<String> respondent(Poll poll, String token) {
        return tokens.verify(token, "respondent")
                .compose(claims -> poll.code().equals(claims.getString("poll"))
                        ? Future.succeededFuture(claims.getString("sub"))
                        : Future.failedFuture("token of another poll"))
                .recover(e -> Future.failedFuture(Problem.of(ProblemCode.POLL_RESPONDENT_REQUIRED)));
    }

    /**
     * Stores one respondent's answers once. A retry of the same answers is a duplicate; anything
     * else from the same respondent is refused, as is an answer outside the open window or over the cap.
     */
    public Future<Answered> answer(Poll poll, String respondent, Map<String, Object> body) {
        Instant now = Instant.now();
        if (!poll.openAt(now)) {
            return Future.failedFuture(new Problem(ProblemCode.POLL_CLOSED,
                    Map.of("opensAt", poll.opensAt().toString(), "closesAt", poll.closesAt().toString()), List.of()));
        }
        Envelope.Parsed parsed = Envelope.parse(poll.form(), body, maxWeight, now);
        if (parsed.incoming() == null) {
            return Future.failedFuture(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), parsed.problems()));
        }
        Incoming in = parsed.incoming();
        return earlier(poll, in, respondent).compose(known -> {
            if (known != null) {
                return Future.succeededFuture(known);
            }
            AnswerValidator.Result checked = AnswerValidator.validate(poll.form(), in.rawAnswers(), now);
            if (!checked.valid()) {
                return Future.failedFuture(new Problem(ProblemCode.SUBMISSION_INVALID, Map.of(), checked.problems()));
            }
            return store.reserve(poll.code(), poll.cap()).compose(reserved -> {
                if (!reserved) {
                    return Future.failedFuture(Problem.of(ProblemCode.POLL_FULL, "cap", String.valueOf(poll.cap())));
                }
                return store.insertResponse(document(poll, in, respondent, checked.answers())).map(Answered.ACCEPTED)
                        .recover(e -> store.release(poll.code()).compose(v -> DuplicateKeys.isDuplicate(e)
                                ? earlier(poll, in, respondent) : Future.failedFuture(e)));
            });
        });
    }

    /** What is already stored for this instanceId or respondent: a duplicate, a refusal, or null for nothing. */
    private Future<Answered> earlier(Poll poll, Incoming in, String respondent) {
        return store.response(poll.code(), "instanceId", in.instanceId()).compose(same -> {
            if (same != null) {
                return in.contentHash().equals(same.getString("contentHash"))
                        ? Future.succeededFuture(Answered.DUPLICATE)
                        : Future.failedFuture(Problem.of(ProblemCode.SUBMISSION_CONFLICT, "instanceId", in.instanceId()));
            }
            return store.response(poll.code(), "respondent", respondent).compose(other -> other == null
                    ? Future.succeededFuture()
                    : Future.failedFuture(Problem.of(ProblemCode.POLL_ALREADY_ANSWERED)));
        });
    }

    /**
     * The public results: a publication stored with the poll, made again only once at least
     * {@link PollTally#K} answers have arrived since the last one. So reading the results before and
     * after one answer shows the same numbers, whichever process is asked and however long one
     * waits. The first publication is made as soon as there is an answer; a closed poll's last
     * answers are published if they are at least k or nothing was published before, and otherwise
     * never (the organiser reads them once the poll is closed).
     */
    public Future<JsonObject> published(Poll poll) {
        return store.poll(poll.code()).compose(doc -> {
            int before = doc.getInteger("publishedCount", 0);
            JsonObject published = doc.getJsonObject("published");
            if (published != null && doc.getInteger("responses", 0) - before < PollTally.K) {
                return Future.succeededFuture(published);
            }
            return count(poll).compose(now -> {
                int counted = now.getInteger("responses");
                boolean due = published == null ? counted > 0 : counted - before >= PollTally.K;
                if (!due) {
                    return Future.succeededFuture(published != null ? published : PollTally.tally(poll, List.of()));
                }
                return store.publish(poll.code(), before, now, counted)
                        .compose(won -> won ? Future.succeededFuture(now) : published(poll));
            });
        });
    }

    /** Counts and shares per question, with small counts suppressed, as the answers are now (at most 2 s old). */
    public Future<JsonObject> results(Poll poll) {
        Counted kept = results.get(poll.code());
        long now = System.currentTimeMillis();
        if (kept != null && now - kept.at() < RESULTS_MILLIS) {
            return Future.succeededFuture(kept.results());
        }
        return count(poll).onSuccess(r -> {
            if (results.size() >= KEPT_POLLS) {
                results.clear();
            }
            results.put(poll.code(), new Counted(r, now));
        });
    }

    private Future<JsonObject> count(Poll poll) {
        return store.answers(poll.code()).compose(docs -> vertx.executeBlocking(() -> {
            List<Map<String, Object>> answers = new ArrayList<>(docs.size());
            docs.forEach(d -> answers.add(d.getJsonObject("answers", new JsonObject()).getMap()));
            return PollTally.tally(poll, answers);
        }, false));
    }

    private static JsonObject document(Poll poll, Incoming in, String respondent, Map<String, Object> answers) {
        return new JsonObject()
                .put("_id", new ObjectId().toHexString())
                .put("poll", poll.code())
                .put("instanceId", in.instanceId())
                .put("respondent", respondent)
                .put("answers", SubmissionService.storedAnswers(answers))
                .put("contentHash", in.contentHash())
                .put("receivedAt", Instant.now().toString());
    }

    private Poll fromDocument(JsonObject doc) {
        String code = doc.getString("_id");
        String definition = doc.getString("definition");
        Form form = definition == null ? catalog.form(doc.getString("formId")) : PollRequest.load(code, new JsonObject(definition));
        if (form == null) {
            throw new IllegalStateException("poll " + code + " uses form '" + doc.getString("formId") + "', which is no longer served");
        }
        JsonObject title = doc.getJsonObject("title");
        return new Poll(code, doc.getString("owner"), Text.of(title.getString("en"), title.getString("km")), form,
                definition != null, Instant.parse(doc.getString("opensAt")), Instant.parse(doc.getString("closesAt")),
                doc.getInteger("cap", 0), doc.getBoolean("publicResults", false));
    }

    /** The definition's problems, the first few of them: one bad poll must not make a huge response. */
    private static Problem invalid(FormDefinitionException e) {
        List<String> all = e.problems();
        String reasons = String.join("; ", all.subList(0, Math.min(all.size(), SHOWN_PROBLEMS)))
                + (all.size() > SHOWN_PROBLEMS ? "; and " + (all.size() - SHOWN_PROBLEMS) + " more" : "");
        return new Problem(ProblemCode.POLL_INVALID, Map.of("reason", reasons, "reason_km", reasons), List.of());
    }
}
