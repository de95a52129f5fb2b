package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    @Test
    void firstCallLogsAndRepeatsAreHeldBack() {
        LogThrottle throttle = new LogThrottle(1, TimeUnit.HOURS);

        int first = throttle.tryLog();
        int second = throttle.tryLog();
        int third = throttle.tryLog();

        assertThat(first).isZero();
        assertThat(second).isEqualTo(-1);
        assertThat(third).isEqualTo(-1);
    }

    @Test
    void lineAfterIntervalReportsHeldBackCount() throws InterruptedException {
        LogThrottle throttle = new LogThrottle(50, TimeUnit.MILLISECONDS);
        throttle.tryLog();
        throttle.tryLog();
        throttle.tryLog();

        Thread.sleep(80);

        assertThat(throttle.tryLog()).isEqualTo(2);
    }
}
