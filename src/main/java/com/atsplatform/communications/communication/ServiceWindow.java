package com.atsplatform.communications.communication;

import java.time.Duration;
import java.time.Instant;

/**
 * Meta's customer-service window: free text may be sent only within 24 hours of the candidate's
 * last message. Checked when a text is accepted and again just before it goes out.
 */
public final class ServiceWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private ServiceWindow() {
    }

    /** @param lastInbound the candidate's last message, null when they never wrote */
    public static boolean isOpen(Instant lastInbound, Instant now) {
        return lastInbound != null && !lastInbound.isBefore(now.minus(LENGTH));
    }
}
