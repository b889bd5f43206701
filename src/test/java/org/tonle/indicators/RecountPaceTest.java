package org.tonle.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RecountPaceTest {

    @Test
    void aBackgroundRecountSlowsDownWhileSubmissionsArrive() {
        AtomicBoolean busy = new AtomicBoolean(false);
        Recount.Pace pace = new Recount.Pace(500, 1_000, busy::get);
        assertThat(pace.pause()).isEqualTo(1_000);
        busy.set(true);
        assertThat(pace.pause()).isEqualTo(10_000);
        busy.set(false);
        assertThat(pace.pause()).isEqualTo(1_000);
    }

    @Test
    void aRecomputeAskedForByAnAdminNeverWaits() {
        assertThat(Recount.Pace.FULL_SPEED.pause()).isZero();
    }
}
