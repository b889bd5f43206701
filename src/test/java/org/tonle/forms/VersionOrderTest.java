package org.tonle.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    @DisplayName("dates, numbers and dotted numbers are ordered as an author means them")
    void order() {
        assertThat(VersionOrder.isNewer("2026-12-05", "2026-11-29")).isTrue();
        assertThat(VersionOrder.isNewer("2026-11-29", "2026-12-05")).isFalse();
        assertThat(VersionOrder.isNewer("10", "9")).isTrue();
        assertThat(VersionOrder.isNewer("1.10", "1.9")).isTrue();
        assertThat(VersionOrder.isNewer("2026120501", "2026113001")).isTrue();
        assertThat(VersionOrder.isNewer("2", "1")).isTrue();
        assertThat(VersionOrder.isNewer("1.0.1", "1.0")).isTrue();
        assertThat(VersionOrder.isNewer("v2", "v1")).isTrue();
        assertThat(VersionOrder.compare("007", "7")).isZero();
        assertThat(VersionOrder.compare("2026-11-29", "2026-11-29")).isZero();
        assertThat(VersionOrder.isNewer("2026-11-29", "2026-11-29")).isFalse();
    }

    @Test
    @DisplayName("a number outranks a word in the same place, and numbers of any length compare without overflow")
    void mixed() {
        assertThat(VersionOrder.isNewer("1.1", "1.beta")).isTrue();
        assertThat(VersionOrder.isNewer("99999999999999999999999", "99999999999999999999998")).isTrue();
        assertThat(VersionOrder.VALID.matcher("2026-11-29").matches()).isTrue();
        assertThat(VersionOrder.VALID.matcher("two words").matches()).isFalse();
    }
}
