package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void formatsUtcWithSixFractionDigits() {
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.123456Z")))
                .isEqualTo("2026-01-02T03:04:05.123456Z");
    }

    @Test
    void dropsDigitsBelowMicroseconds() {
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.123456789Z")))
                .isEqualTo("2026-01-02T03:04:05.123456Z");
    }

    @Test
    void formattedTimeParsesBackToSameInstant() {
        Instant instant = Instant.parse("1999-12-31T23:59:59.999999Z");

        assertThat(Inputs.instant("after", Timestamps.format(instant))).isEqualTo(instant);
    }

    @Test
    void nullStaysNull() {
        assertThat(Timestamps.format(null)).isNull();
    }
}
