package org.tonle.indicators;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events of live scores. Each subscriber watches some indicators by one breakdown; when
 * a table they read changes (a batch added here, or, seen by polling table versions, anywhere
 * else), the new score is sent, at most one event per indicator per {@value #COALESCE_MILLIS} ms.
 * A comment heartbeat keeps proxies from closing idle streams.
 */
public final class IndicatorStream {

    private static final Logger log = LoggerFactory.getLogger(IndicatorStream.class);
    static final long COALESCE_MILLIS = 250;
    private static final long POLL_MILLIS = 1_000;
    private static final long HEARTBEAT_MILLIS = 15_000;
    /** How often each stream's token is checked again: a revoked account's stream ends within this (plus the account cache). */
    static final long RECHECK_MILLIS = 2_000;

    private final Vertx vertx;
    private final IndicatorService service;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Map<String, Long> lastVersions = new HashMap<>();
    private final long pollTimer;
    private final long heartbeatTimer;
    private final long recheckTimer;

    public IndicatorStream(Vertx vertx, IndicatorService service, Aggregator aggregator) {
        this.vertx = vertx;
        this.service = service;
        aggregator.onChange(this::changed);
        this.pollTimer = vertx.setPeriodic(POLL_MILLIS, t -> poll());
        this.heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MILLIS, t -> subscribers.forEach(s -> s.response.write(": keepalive\n\n")));
        this.recheckTimer = vertx.setPeriodic(RECHECK_MILLIS, t -> recheck());
    }

    /** Ends the streams whose token no longer admits them, telling the client why before closing. */
    private void recheck() {
        for (Subscriber s : subscribers) {
            s.allowed.get().onSuccess(allowed -> {
                if (!allowed && subscribers.remove(s)) {
                    s.response.end("event: revoked\ndata: {\"code\":\"auth.required\"}\n\n");
                }
            });
        }
    }

    public void stop() {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(recheckTimer);
        subscribers.forEach(s -> s.response.end());
    }

    /**
     * Starts a stream on {@code response}, sending the current scores at once. {@code allowed}
     * says whether the token that opened it is still good; once it is not, the stream ends.
     */
    public void subscribe(HttpServerResponse response, List<Indicator> indicators, List<String> by,
            java.util.function.Supplier<io.vertx.core.Future<Boolean>> allowed) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": tonle indicator stream\nretry: 2000\n\n");
        Subscriber s = new Subscriber(response, indicators, by, allowed);
        indicators.forEach(i -> s.tables.addAll(service.tablesOf(i, by)));
        subscribers.add(s);
        response.closeHandler(v -> subscribers.remove(s));
        response.exceptionHandler(e -> subscribers.remove(s));
        indicators.forEach(s::send);
    }

    private void changed(Set<String> tables) {
        for (Subscriber s : subscribers) {
            for (Indicator i : s.indicators) {
                if (!java.util.Collections.disjoint(service.tablesOf(i, s.by), tables)) {
                    s.dirty(i);
                }
            }
        }
    }

    /** Finds tables changed by other server processes. */
    private void poll() {
        if (subscribers.isEmpty()) {
            return;
        }
        Set<String> watched = new HashSet<>();
        subscribers.forEach(s -> watched.addAll(s.tables));
        service.versionsOf(watched).onSuccess(versions -> {
            Set<String> changed = new HashSet<>();
            versions.forEach((table, version) -> {
                Long before = lastVersions.put(table, version);
                if (before != null && !before.equals(version)) {
                    changed.add(table);
                }
            });
            if (!changed.isEmpty()) {
                changed(changed);
            }
        }).onFailure(e -> log.debug("Polling table versions failed: {}", e.toString()));
    }

    private final class Subscriber {
        final HttpServerResponse response;
        final List<Indicator> indicators;
        final List<String> by;
        final Set<String> tables = new HashSet<>();
        final Map<String, Long> lastSent = new HashMap<>();
        final Set<String> scheduled = new HashSet<>();
        final Map<String, Long> sentVersions = new HashMap<>();
        final java.util.function.Supplier<io.vertx.core.Future<Boolean>> allowed;

        Subscriber(HttpServerResponse response, List<Indicator> indicators, List<String> by,
                java.util.function.Supplier<io.vertx.core.Future<Boolean>> allowed) {
            this.response = response;
            this.allowed = allowed;
            this.indicators = indicators;
            this.by = by;
        }

        void dirty(Indicator i) {
            if (!scheduled.add(i.id())) {
                return;
            }
            long wait = Math.max(1, COALESCE_MILLIS - (System.currentTimeMillis() - lastSent.getOrDefault(i.id(), 0L)));
            vertx.setTimer(wait, t -> {
                scheduled.remove(i.id());
                send(i);
            });
        }

        void send(Indicator i) {
            lastSent.put(i.id(), System.currentTimeMillis());
            service.version(i, by).compose(version -> {
                if (version.equals(sentVersions.get(i.id()))) {
                    return io.vertx.core.Future.succeededFuture((String) null);
                }
                return service.score(i, by).map(score -> {
                    sentVersions.put(i.id(), version);
                    return "id: " + i.id() + ":" + version + "\nevent: indicator\ndata: " + IndicatorJson.score(score).encode() + "\n\n";
                });
            })
                    .onSuccess(event -> {
                        if (event != null && subscribers.contains(this)) {
                            response.write(event);
                        }
                    })
                    .onFailure(e -> log.warn("Could not send a score on the stream: {}", e.toString()));
        }
    }
}
