package com.atsplatform.communications.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.config.WhatsAppConfig;

import io.smallrye.mutiny.Uni;

/**
 * Paces Graph API sends to {@code WHATSAPP_MAX_MESSAGES_PER_SECOND} for this instance: every send
 * reserves the next free slot, one interval after the previous one, and waits for it without
 * blocking a thread. Slots are absolute times, so timer jitter does not accumulate into drift.
 */
@ApplicationScoped
public class SendPacer {

    /** Waits shorter than this are not worth a timer. */
    private static final long NEGLIGIBLE_NANOS = 200_000;

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

    SendPacer(WhatsAppConfig config) {
        int perSecond = config.maxMessagesPerSecond();
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    public Uni<Void> acquire() {
        if (intervalNanos == 0) {
            return Uni.createFrom().voidItem();
        }
        long now = System.nanoTime();
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, now) + intervalNanos);
        long wait = Math.max(slot, now) - now;
        if (wait < NEGLIGIBLE_NANOS) {
            return Uni.createFrom().voidItem();
        }
        // Timers have millisecond resolution (and refuse less): round up; the next slot stays where it was.
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis((wait + 999_999) / 1_000_000));
    }
}
