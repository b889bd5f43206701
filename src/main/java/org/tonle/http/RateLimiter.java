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

    /**
     * Counts an event for {@code key} if the key still has room, in one atomic step, and says whether
     * it had: however many callers arrive at once, at most the limit are allowed per window.
     */
    public Decision acquire(String key) {
        long now = clock.getAsLong();
        Decision[] decision = new Decision[1];
        windows.compute(key, (k, w) -> {
            if (w == null || now - w.start() >= windowMillis) {
                decision[0] = new Decision(true, 0);
                return new Window(now, 1);
            }
            if (w.count() < limit) {
                decision[0] = new Decision(true, 0);
                return new Window(w.start(), w.count() + 1);
            }
            decision[0] = refusal(w, now);
            return w;
        });
        sweep(now);
        return decision[0];
    }

    /** Gives back one event counted by {@link #acquire} that turned out not to count (a right password). */
    public void release(String key) {
        windows.computeIfPresent(key, (k, w) -> w.count() <= 1 ? null : new Window(w.start(), w.count() - 1));
    }

    private Decision refusal(Window w, long now) {
        return new Decision(false, Math.max(1, (w.start() + windowMillis - now + 999) / 1000));
    }

    private void sweep(long now) {
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
    }

    public void forget(String key) {
        windows.remove(key);
    }
}
