package com.atsplatform.communications.sending;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.PendingMessage;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.Periodic;
import com.atsplatform.communications.reminder.Reminders;
import com.atsplatform.communications.whatsapp.MetaError;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code WHATSAPP_OUTBOX_INTERVAL}, sends the pending outbound messages that are due: the
 * ones Meta could not take yet, campaigns' messages, reminders that came due ({@link Reminders}),
 * and any whose sender died mid-way (their lease expired). Pending rows live in the database, so
 * nothing is forgotten across restarts, and claims skip rows other instances hold, so several
 * replicas never send one row twice.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    /** Most sends in flight at once; the pacer sets the rate, this only bounds the waiting. */
    private static final int MAX_CONCURRENCY = 32;

    private final CommunicationStore store;
    private final Dispatcher dispatcher;
    private final WhatsAppConfig config;
    private final Reminders reminders;

    OutboxWorker(CommunicationStore store, Dispatcher dispatcher, WhatsAppConfig config, Reminders reminders) {
        this.store = store;
        this.reminders = reminders;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** A round every {@code whatsapp.outbox.interval}, the first one interval after start-up. */
    static void schedule(@Observes StartupEvent start, Periodic periodic, WhatsAppConfig config, OutboxWorker worker) {
        periodic.every("Outbox round", config.outbox().interval(), config.outbox().interval(), worker::onSchedule);
    }

    Uni<Void> onSchedule() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return drain().invoke(sent -> {
            if (sent > 0) {
                LOG.debugf("Outbox sent %d due message(s)", sent);
            }
        }).onFailure().invoke(failure -> LOG.warnf("Outbox round failed (%s); it runs again at the next tick",
                failure.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Makes the messages of due reminders, then claims and sends due messages until none are left;
     * returns how many were dispatched. The next batch is claimed while the previous one is still
     * being sent, so a high send rate has no gaps between batches.
     */
    public Uni<Integer> drain() {
        // Claim no more than the send rate gets out within an eighth of a lease: the next batch is
        // claimed while this one is sent, and other replicas take slots too, so claims rarely
        // expire while they wait for their slot (when one does, the fence stops its sender and its
        // slot is lost).
        long perEighthLease = config.maxMessagesPerSecond() <= 0 ? Long.MAX_VALUE
                : config.maxMessagesPerSecond() * config.outbox().lease().toMillis() / 8000;
        int batch = (int) Math.max(1, Math.min(perEighthLease, config.outbox().batchSize()));
        int concurrency = Math.min(MAX_CONCURRENCY, batch);
        return reminders.releaseDue().invoke(made -> {
            if (made > 0) {
                LOG.debugf("%d reminder(s) came due", made);
            }
        }).flatMap(made -> store.rescheduleOrphanedCalls(config.outbox().unknownOutcomeDelay(), MetaError.senderStoppedMidCall().summary()).invoke(orphans -> {
            if (orphans > 0) {
                LOG.warnf("%d message(s) lost their sender during a call to Meta; they wait for Meta's status before another try", orphans);
            }
        }).flatMap(orphans -> Multi.createBy().repeating().uni(() -> store.claimDue(batch, config.outbox().lease()))
                // Ticks are skipped while a drain runs, so draining until a batch comes back short is safe.
                .whilst(claimed -> claimed.size() == batch)
                .onItem().<PendingMessage>disjoint()
                .onItem().transformToUni(message -> dispatcher.dispatch(message).onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Outbox could not dispatch %s (%s: %s); it is tried again when its lease expires",
                            message.communicationId(), failure.getClass().getSimpleName(), failure.getMessage());
                    return null;
                }))
                .merge(concurrency)
                .select().where(outcome -> outcome != null)
                .collect().with(Collectors.counting())
                .map(Long::intValue)));
    }
}
