package org.tonle.indicators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link Steps} for one simulated server process: a test holds the process at a named step (the
 * first time it reaches it with a matching detail), waits until it is there, lets the others run,
 * and then releases it. The order of events is the test's, whatever the machine's speed.
 */
final class Gates implements Steps {

    /** One held step: completes {@link #reached()} when the process gets there, and waits for {@link #release()}. */
    static final class Gate {
        private final String step;
        private final Predicate<String> detail;
        private final Promise<String> reached = Promise.promise();
        private final Promise<Void> released = Promise.promise();

        private Gate(String step, Predicate<String> detail) {
            this.step = step;
            this.detail = detail;
        }

        Future<String> reached() {
            return reached.future();
        }

        void release() {
            released.tryComplete();
        }
    }

    private final List<Gate> armed = new ArrayList<>();

    /** Holds the process the next time it reaches {@code step} with a detail matching {@code detail}. */
    synchronized Gate hold(String step, Predicate<String> detail) {
        Gate gate = new Gate(step, detail);
        armed.add(gate);
        return gate;
    }

    @Override
    public Future<Void> reached(String step, String detail) {
        Gate gate;
        synchronized (this) {
            gate = armed.stream().filter(g -> g.step.equals(step) && g.detail.test(detail)).findFirst().orElse(null);
            if (gate == null) {
                return Future.succeededFuture();
            }
            armed.remove(gate);
        }
        gate.reached.complete(detail);
        return gate.released.future();
    }
}
