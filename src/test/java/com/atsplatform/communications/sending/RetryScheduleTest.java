package com.atsplatform.communications.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(2));

    @Test
    void firstRetryWaitsTheBackoffAndEachFurtherAttemptDoublesIt() {
        assertThat(schedule.delayAfter(1, false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2, false)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.delayAfter(3, false)).isEqualTo(Duration.ofSeconds(40));
        assertThat(schedule.delayAfter(5, false)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void delayNeverExceedsTheMaximumHoweverManyAttempts() {
        assertThat(schedule.delayAfter(6, false)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(1_000, false)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(Integer.MAX_VALUE, false)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void noAttemptThatReachedMetaYetWaitsTheBackoff() {
        assertThat(schedule.delayAfter(0, false)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anUnknownOutcomeWaitsAtLeastForMetasStatus() {
        assertThat(schedule.delayAfter(1, true)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(6, true)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void maximumBelowTheBackoffCapsEvenTheFirstRetry() {
        RetrySchedule tight = new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ZERO);
        assertThat(tight.delayAfter(1, false)).isEqualTo(Duration.ofSeconds(3));
    }
}
