package com.atsplatform.communications.sending;

import java.time.Duration;

import com.atsplatform.communications.config.WhatsAppConfig;

/**
 * When a message Meta could not take is tried again: {@code backoff} after the first attempt that
 * reached Meta, doubling after each further one, never more than {@code maxBackoff}; at least
 * {@code unknownOutcomeDelay} after a call whose outcome is unknown, so that Meta's status webhook
 * can settle it first. Attempts that never reached Meta do not double it.
 */
record RetrySchedule(Duration backoff, Duration maxBackoff, Duration unknownOutcomeDelay) {

    /** Beyond this many doublings the delay is the cap whatever the settings (and never overflows). */
    private static final int MAX_DOUBLINGS = 30;

    static RetrySchedule of(WhatsAppConfig.Outbox outbox) {
        return new RetrySchedule(outbox.backoff(), outbox.maxBackoff(), outbox.unknownOutcomeDelay());
    }

    /**
     * @param attemptsThatReachedMeta attempts so far that got to Meta (0 when none has)
     * @param outcomeUnknown          the last call may have been accepted (it timed out)
     */
    Duration delayAfter(int attemptsThatReachedMeta, boolean outcomeUnknown) {
        int doublings = Math.min(Math.max(attemptsThatReachedMeta - 1, 0), MAX_DOUBLINGS);
        Duration delay = backoff.multipliedBy(1L << doublings);
        if (delay.compareTo(maxBackoff) > 0) {
            delay = maxBackoff;
        }
        if (outcomeUnknown && delay.compareTo(unknownOutcomeDelay) < 0) {
            delay = unknownOutcomeDelay;
        }
        return delay;
    }
}
