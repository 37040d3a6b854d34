package com.atsplatform.communications.outbox;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.TemplateCatalog;
import com.atsplatform.communications.whatsapp.WhatsAppGateway;

import io.smallrye.mutiny.Uni;

/**
 * Sends one claimed message (paced) and records what became of it. Shared by the send request,
 * the manual retry and the outbox worker, so every path stores outcomes the same way:
 * accepted → {@code sent}; refused for good → {@code failed}; deferred → still {@code pending}
 * with the next attempt after {@code WHATSAPP_OUTBOX_BACKOFF}, doubling, until the automatic
 * retries are used up, then {@code failed}.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Automatic retries after the first attempt. */
    static final int AUTOMATIC_RETRIES = 3;
    private static final MetaError OPTED_OUT = new MetaError(null, "Candidate opted out of WhatsApp before the message was sent",
            null, null, null);

    private final WhatsAppGateway gateway;
    private final TemplateCatalog catalog;
    private final SendPacer pacer;
    private final OutboxStore store;
    private final WhatsAppConfig config;

    Dispatcher(WhatsAppGateway gateway, TemplateCatalog catalog, SendPacer pacer, OutboxStore store, WhatsAppConfig config) {
        this.gateway = gateway;
        this.catalog = catalog;
        this.pacer = pacer;
        this.store = store;
        this.config = config;
    }

    public Uni<SendOutcome> dispatch(PendingMessage message) {
        if (message.candidateOptedOut()) {
            return store.failed(message.communicationId(), OPTED_OUT, message.sendAttempts()).replaceWith(new SendOutcome.Rejected(OPTED_OUT));
        }
        int attempt = message.sendAttempts() + 1;
        return pacer.acquire()
                .flatMap(ready -> send(message))
                .call(outcome -> record(message, outcome, attempt));
    }

    private Uni<SendOutcome> send(PendingMessage message) {
        if (message.templateName() == null) {
            return gateway.sendText(message.communicationId(), message.recipientPhone(), message.text());
        }
        String language = message.language() == null ? "es" : message.language();
        return catalog.find(message.templateName(), language)
                .onFailure().recoverWithItem(Optional.empty())
                // Not in the cache (any more): send it as it was asked and let Meta decide.
                .map(found -> found.orElseGet(() -> MessageTemplate.unverified(message.templateName(), language, message.parameters().size())))
                .flatMap(template -> gateway.sendTemplate(message.communicationId(), message.recipientPhone(), template, message.parameters()));
    }

    private Uni<Void> record(PendingMessage message, SendOutcome outcome, int attempt) {
        if (outcome instanceof SendOutcome.Accepted accepted) {
            return store.accepted(message.communicationId(), accepted.whatsappMessageId(), attempt);
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            return store.failed(message.communicationId(), rejected.error(), attempt);
        }
        SendOutcome.Deferred deferred = (SendOutcome.Deferred) outcome;
        if (attempt > AUTOMATIC_RETRIES) {
            LOG.warnf("Message %s failed after %d attempts: %s", message.communicationId(), attempt, deferred.lastError().summary());
            return store.failed(message.communicationId(), deferred.lastError(), attempt);
        }
        Duration delay = config.outbox().backoff().multipliedBy(1L << (attempt - 1));
        if (deferred.outcomeUnknown() && delay.compareTo(config.outbox().unknownOutcomeDelay()) < 0) {
            delay = config.outbox().unknownOutcomeDelay();
        }
        return store.deferred(message.communicationId(), deferred.lastError(), attempt, delay);
    }
}
