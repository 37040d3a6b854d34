package com.atsplatform.communications.whatsapp;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.classification.Classification;
import com.atsplatform.communications.classification.InterestClassifier;

import io.smallrye.mutiny.Uni;

/**
 * The service's only way to WhatsApp. Every answer from Meta is a value ({@link SendOutcome});
 * mock or live is decided once by {@code WHATSAPP_MOCK_MODE} ({@link GraphPort}).
 */
@ApplicationScoped
public class WhatsAppGateway {

    private final GraphPort graph;
    private final TemplateCatalog catalog;
    private final InterestClassifier classifier;

    WhatsAppGateway(GraphPort graph, TemplateCatalog catalog, InterestClassifier classifier) {
        this.graph = graph;
        this.catalog = catalog;
        this.classifier = classifier;
    }

    /**
     * Sends an approved template. Its quick-reply buttons get payloads that say what pressing them
     * means ({@code INTERESTED}, {@code NOT_INTERESTED}, {@code MORE_INFO}, {@code STOP}, else
     * {@code BUTTON_<n>}), so a button reply is understood without reading its text.
     */
    public Uni<SendOutcome> sendTemplate(UUID communicationId, String to, MessageTemplate template, List<String> bodyParameters) {
        List<String> payloads = IntStream.range(0, template.quickReplyButtons().size())
                .mapToObj(i -> payload(template.quickReplyButtons().get(i), i)).toList();
        OutboundMessage message = OutboundMessage.template(communicationId, to,
                new OutboundMessage.Template(template.name(), template.language(), bodyParameters, payloads));
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

    private String payload(String buttonText, int index) {
        Classification meaning = classifier.classifyButton(null, buttonText);
        if (meaning.optOut()) {
            return "STOP";
        }
        return switch (meaning.interest()) {
            case INTERESTED, NOT_INTERESTED -> meaning.interest().name().toUpperCase(Locale.ROOT);
            case QUESTION -> "MORE_INFO";
            case UNKNOWN -> "BUTTON_" + index;
        };
    }
}
