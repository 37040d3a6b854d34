package com.atsplatform.communications.whatsapp;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The service's only way to WhatsApp. Every answer from Meta is a value ({@link SendOutcome});
 * mock or live is decided once by {@code WHATSAPP_MOCK_MODE} ({@link GraphPort}).
 */
@ApplicationScoped
public class WhatsAppGateway {

    private final GraphPort graph;
    private final TemplateCatalog catalog;

    WhatsAppGateway(GraphPort graph, TemplateCatalog catalog) {
        this.graph = graph;
        this.catalog = catalog;
    }

    /**
     * Sends an approved template.
     *
     * @param quickReplyPayloads one per quick-reply button of the template, in order: what Meta
     *                           sends back when the candidate presses it
     */
    public Uni<SendOutcome> sendTemplate(UUID communicationId, String to, MessageTemplate template, List<String> bodyParameters,
            List<String> quickReplyPayloads) {
        OutboundMessage message = OutboundMessage.template(communicationId, to,
                new OutboundMessage.Template(template.name(), template.language(), bodyParameters, quickReplyPayloads));
        return graph.send(message).invoke(this::refreshTemplatesIfUnknown);
    }

    /** Sends free text (only within the 24-hour customer-service window; the caller checks it). */
    public Uni<SendOutcome> sendText(UUID communicationId, String to, String text) {
        return graph.send(OutboundMessage.text(communicationId, to, text));
    }

    /** See {@link GraphPort#longestSend()}. */
    public Duration longestSend() {
        return graph.longestSend();
    }

    public Uni<List<MessageTemplate>> listTemplates() {
        return catalog.all();
    }

    public Uni<ConnectionStatus> testConnection() {
        return graph.connection();
    }

    private void refreshTemplatesIfUnknown(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Rejected rejected && rejected.error().code() != null
                && rejected.error().code() == MetaError.TEMPLATE_DOES_NOT_EXIST) {
            catalog.refresh().subscribe().with(templates -> {
            }, failure -> {
            });
        }
    }
}
