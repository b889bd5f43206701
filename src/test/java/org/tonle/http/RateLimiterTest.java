package org.tonle.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    @DisplayName("a key gets its share per window, is told how long to wait, and others are unaffected")
    void windows() {
        AtomicLong now = new AtomicLong(1_000_000);
        RateLimiter limiter = new RateLimiter(3, 60_000, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1").allowed()).isTrue();
        }
        now.addAndGet(15_000);
        RateLimiter.Decision refused = limiter.acquire("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(45);
        assertThat(limiter.acquire("10.0.0.2").allowed()).isTrue();
        now.addAndGet(45_000);
        assertThat(limiter.acquire("10.0.0.1").allowed()).isTrue();
    }
}
