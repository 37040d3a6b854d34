package com.atsplatform.communications.sending;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.atsplatform.communications.classification.InterestClassifier;
import com.atsplatform.communications.communication.CommunicationStatus;
import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.PendingMessage;
import com.atsplatform.communications.communication.ServiceWindow;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.TemplateCatalog;
import com.atsplatform.communications.whatsapp.WhatsAppGateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Sends one claimed message and records what became of it; shared by the send request, the manual
 * retry and the outbox worker, so every path stores outcomes the same way. In order: a paced slot
 * (for the sender number as a whole), the {@linkplain CommunicationStore#fence fence} (still the holder?
 * opted out meanwhile? for free text, still inside the service window?), the call to Meta, the
 * outcome: accepted → {@code sent}; refused for good → {@code failed}; deferred → still
 * {@code pending} until the next attempt ({@link RetrySchedule}), or {@code failed} with the last
 * error once {@code WHATSAPP_OUTBOX_GIVE_UP_AFTER} has passed since the message was accepted.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final MetaError OPTED_OUT = new MetaError(null, "Candidate opted out of WhatsApp before the message was sent",
            null, null, null);
    private static final MetaError WINDOW_CLOSED = new MetaError(null,
            "outside-service-window: the 24-hour customer-service window closed before the text could be sent", null, null, null);
    private static final MetaError CLAIM_LOST = new MetaError(null,
            "Held by another sender now (this one's claim expired while it waited its turn)", null, null, null);

    private final WhatsAppGateway gateway;
    private final TemplateCatalog catalog;
    private final InterestClassifier classifier;
    private final SendPacer pacer;
    private final CommunicationStore store;
    private final RetrySchedule schedule;
    private final MeterRegistry registry;
    /** How long a row is held once its call starts: the lease, and never less than the longest call. */
    private final Duration callHold;

    Dispatcher(WhatsAppGateway gateway, TemplateCatalog catalog, InterestClassifier classifier, SendPacer pacer, CommunicationStore store,
            WhatsAppConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.gateway = gateway;
        this.catalog = catalog;
        this.classifier = classifier;
        this.pacer = pacer;
        this.store = store;
        this.schedule = RetrySchedule.of(config.outbox());
        Duration lease = config.outbox().lease();
        this.callHold = lease.compareTo(gateway.longestSend()) > 0 ? lease : gateway.longestSend();
    }

    /**
     * @return what Meta made of it; {@link SendOutcome.Deferred} without any call when this sender
     *         no longer holds the message (another one sends it)
     */
    public Uni<SendOutcome> dispatch(PendingMessage message) {
        return (message.bulk() ? pacer.acquireBulk() : pacer.acquire())
                .flatMap(slot -> store.fence(message, callHold))
                .flatMap(fenced -> {
                    if (fenced.isEmpty()) {
                        LOG.debugf("Message %s is held by another sender now; not sent from here", message.communicationId());
                        return Uni.createFrom().item(new SendOutcome.Deferred(CLAIM_LOST, false));
                    }
                    if (fenced.get().candidateOptedOut()) {
                        return refuse(message, OPTED_OUT);
                    }
                    if (message.templateName() == null && !ServiceWindow.isOpen(fenced.get().lastInboundAt(), Instant.now())) {
                        return refuse(message, WINDOW_CLOSED);
                    }
                    return send(message).call(outcome -> record(message, outcome));
                });
    }

    private Uni<SendOutcome> refuse(PendingMessage message, MetaError reason) {
        count("failed", reason == OPTED_OUT ? "opted_out" : "window_closed");
        return store.failed(message, reason.code(), reason.summary(), message.sendAttempts()).replaceWith(new SendOutcome.Rejected(reason));
    }

    /**
     * {@code whatsapp_messages_total{outcome, reason}}: every attempt's outcome (sent, failed, deferred)
     * and why (Meta's error code, or our own reason), for the dashboard and the alerts.
     */
    private void count(String outcome, String reason) {
        registry.counter("whatsapp.messages", "outcome", outcome, "reason", reason).increment();
    }

    private static String reason(MetaError error) {
        return error.code() == null ? "unreachable" : error.code().toString();
    }

    private Uni<SendOutcome> send(PendingMessage message) {
        if (message.templateName() == null) {
            return gateway.sendText(message.communicationId(), message.recipientPhone(), message.text());
        }
        return catalog.findOrUnverified(message.templateName(), message.language(), message.parameters().size())
                // Not in the list (any more): send it as it was asked and let Meta decide.
                .map(found -> found.orElseGet(() -> MessageTemplate.unverified(message.templateName(), message.language(),
                        message.parameters().size())))
                .flatMap(template -> gateway.sendTemplate(message.communicationId(), message.recipientPhone(), template, message.parameters(),
                        classifier.quickReplyPayloads(template.quickReplyButtons())));
    }

    private Uni<Void> record(PendingMessage message, SendOutcome outcome) {
        int attempts = message.sendAttempts() + 1;
        if (outcome instanceof SendOutcome.Accepted accepted) {
            count("sent", "none");
            return store.accepted(message, accepted.whatsappMessageId(), attempts).invoke(recorded -> {
                if (!recorded) {
                    LOG.debugf("Meta accepted message %s after it was settled elsewhere (a status webhook, or a sender that claimed it later)",
                            message.communicationId());
                }
            }).replaceWithVoid();
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            count("failed", reason(rejected.error()));
            return store.failed(message, rejected.error().code(), rejected.error().summary(), attempts).replaceWithVoid();
        }
        SendOutcome.Deferred deferred = (SendOutcome.Deferred) outcome;
        // An attempt that never reached Meta (circuit open, connection refused) only postpones.
        int counted = deferred.reachedMeta() ? attempts : message.sendAttempts();
        Duration delay = schedule.delayAfter(counted, deferred.outcomeUnknown());
        MetaError error = deferred.lastError();
        count("deferred", reason(error));
        return store.deferred(message, error.code(), error.summary(), deferred.reachedMeta(), counted, delay).invoke(status -> {
            if (status.filter(CommunicationStatus.FAILED::equals).isPresent()) {
                LOG.warnf("Message %s failed: Meta could not take it before its retries ran out (%s)", message.communicationId(),
                        deferred.lastError().summary());
            }
        }).replaceWithVoid();
    }
}
