package com.atsplatform.communications.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.atsplatform.communications.communication.CommunicationRepository;
import com.atsplatform.communications.persistence.Periodic;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The outbox as operators watch it: {@code outbox_pending_messages} (waiting to be sent) and
 * {@code outbox_oldest_due_age_seconds} (how late the most overdue one is; 0 when none is due). A
 * growing age means nothing is sending: Meta down, the token expired, the instances scaled to zero
 * with the wake-up job missing. Every replica reports the same table: take the max.
 */
@Startup
@ApplicationScoped
public class OutboxGauges {

    private final CommunicationRepository communications;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestDueAge = new AtomicLong();

    OutboxGauges(CommunicationRepository communications, MeterRegistry registry) {
        this.communications = communications;
        Gauge.builder("outbox.pending", pending, AtomicLong::get).baseUnit("messages").description("Outbound messages waiting to be sent")
                .register(registry);
        Gauge.builder("outbox.oldest.due.age", oldestDueAge, AtomicLong::get).baseUnit("seconds")
                .description("How long the most overdue pending message has been due").register(registry);
    }

    /** Every 30 s, the first time 5 s after start-up. */
    static void schedule(@Observes StartupEvent start, Periodic periodic, OutboxGauges gauges) {
        periodic.every("Outbox gauges", Duration.ofSeconds(5), Duration.ofSeconds(30), gauges::refresh);
    }

    Uni<Void> refresh() {
        return communications.outboxBacklog().invoke(backlog -> {
            pending.set(backlog.pending());
            oldestDueAge.set(backlog.oldestDueAt() == null ? 0 : Math.max(0, Duration.between(backlog.oldestDueAt(), Instant.now()).toSeconds()));
        }).onFailure().recoverWithNull().replaceWithVoid();
    }
}
