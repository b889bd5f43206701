package org.tonle.exports;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** What exports are doing, for /metrics: how many run, rows read from the store and written out, pauses for slow clients. */
public final class ExportMetrics {

    private final AtomicLong running = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();

    void started() {
        running.incrementAndGet();
    }

    void ended() {
        running.decrementAndGet();
    }

    void read(long rows) {
        read.addAndGet(rows);
    }

    void written(long rows) {
        written.addAndGet(rows);
    }

    void paused() {
        pauses.incrementAndGet();
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tonle.exports.running", running, AtomicLong::get).description("exports streaming now").register(registry);
        FunctionCounter.builder("tonle.exports.rows.read", read, AtomicLong::get)
                .description("submissions exports have read from the store").register(registry);
        FunctionCounter.builder("tonle.exports.rows.written", written, AtomicLong::get)
                .description("rows exports have handed to their responses").register(registry);
        FunctionCounter.builder("tonle.exports.pauses", pauses, AtomicLong::get)
                .description("times an export stopped reading until a slow client caught up").register(registry);
    }
}
