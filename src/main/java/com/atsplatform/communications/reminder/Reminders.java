package com.atsplatform.communications.reminder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.communication.NewOutbound;
import com.atsplatform.communications.config.WhatsAppConfig;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Turns due reminders into messages for the outbox: each due reminder, in one transaction, either
 * becomes a {@code pending} {@code reminder} communication (sent by the outbox like any other, the
 * opt-out checked again just before the call) or is cancelled with its reason. The reminders live
 * in PostgreSQL, so they survive restarts and come due on whichever replica looks first.
 */
@ApplicationScoped
public class Reminders {

    /** Reminders decided per transaction. */
    static final int BATCH = 500;

    private final Pool pool;
    private final ReminderStore reminders;
    private final CommunicationStore communications;
    private final WhatsAppConfig config;

    Reminders(Pool pool, ReminderStore reminders, CommunicationStore communications, WhatsAppConfig config) {
        this.pool = pool;
        this.reminders = reminders;
        this.communications = communications;
        this.config = config;
    }

    /** @return how many reminder messages were made */
    public Uni<Integer> releaseDue() {
        return Multi.createBy().repeating().uni(this::releaseBatch)
                .whilst(batch -> batch.taken() == BATCH)
                .collect().in(() -> new int[1], (sum, batch) -> sum[0] += batch.made())
                .map(sum -> sum[0]);
    }

    private record Batch(int taken, int made) {
    }

    private Uni<Batch> releaseBatch() {
        return pool.withTransaction(transaction -> reminders.takeDue(transaction, BATCH).flatMap(due -> {
            List<UUID> ids = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            List<ReminderStore.Due> sendable = new ArrayList<>();
            List<NewOutbound> messages = new ArrayList<>();
            for (ReminderStore.Due reminder : due) {
                if (reminder.cancelReason() != null) {
                    ids.add(reminder.id());
                    reasons.add(reminder.cancelReason());
                } else if (!reminder.initialPending()) {
                    sendable.add(reminder);
                    messages.add(new NewOutbound(reminder.applicationId(), reminder.candidateId(), MessageType.REMINDER,
                            reminder.recipientPhone(), reminder.templateName(), reminder.language(), reminder.parameters(),
                            reminder.content(), reminder.campaignId()));
                }
                // An initial still pending decides nothing yet: the reminder stays scheduled.
            }
            List<UUID> made = new ArrayList<>(Collections.nCopies(ids.size(), (UUID) null));
            Uni<List<UUID>> inserted = messages.isEmpty() ? Uni.createFrom().item(List.of())
                    : communications.insertPendingBatch(transaction, messages, config.outbox().giveUpAfter());
            return inserted.flatMap(messageIds -> {
                sendable.forEach(reminder -> {
                    ids.add(reminder.id());
                    reasons.add(null);
                });
                made.addAll(messageIds);
                return reminders.settle(transaction, ids, made, reasons);
            }).replaceWith(new Batch(due.size(), messages.size()));
        }));
    }
}
