package org.tonle.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts events per key (an address, a username) in fixed windows and says when a key has had its
 * share. In memory, per server process: behind a load balancer with N processes a key gets at most
 * N times the limit, which still stops a flood.
 */
public final class RateLimiter {

    /** Whether one more event is allowed, and if not, in how many seconds it will be. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    private record Window(long start, int count) {}

    private static final int SWEEP_AT = 10_000;

    private final int limit;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, long windowMillis) {
        this(limit, windowMillis, System::currentTimeMillis);
    }

    RateLimiter(int limit, long windowMillis, LongSupplier clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Counts an event for {@code key} if the key still has room; says whether it had. */
    public Decision acquire(String key) {
        Decision d = check(key);
        if (d.allowed()) {
            record(key);
        }
        return d;
    }

    /** Whether {@code key} has room, without counting anything. */
    public Decision check(String key) {
        long now = clock.getAsLong();
        Window w = windows.get(key);
        if (w == null || now - w.start() >= windowMillis || w.count() < limit) {
            return new Decision(true, 0);
        }
        return new Decision(false, Math.max(1, (w.start() + windowMillis - now + 999) / 1000));
    }

    /** Counts an event for {@code key} (a failed log-in, say). */
    public void record(String key) {
        long now = clock.getAsLong();
        windows.compute(key, (k, w) -> w == null || now - w.start() >= windowMillis ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
    }

    public void forget(String key) {
        windows.remove(key);
    }
}
