package com.atsplatform.communications.whatsapp;

import java.util.List;
import java.util.UUID;

/**
 * One message for the Graph API: a template or a free text. {@code communicationId} travels as
 * {@code biz_opaque_callback_data}, so a status webhook finds its row even before the wamid is stored.
 *
 * @param to E.164 phone number
 */
public record OutboundMessage(UUID communicationId, String to, Template template, String text) {

    /**
     * @param bodyParameters     the body's parameters, in order
     * @param quickReplyPayloads one payload per quick-reply button, in button order (may be empty)
     */
    public record Template(String name, String language, List<String> bodyParameters, List<String> quickReplyPayloads) {

        public Template {
            bodyParameters = List.copyOf(bodyParameters);
            quickReplyPayloads = List.copyOf(quickReplyPayloads);
        }
    }

    public static OutboundMessage template(UUID communicationId, String to, Template template) {
        return new OutboundMessage(communicationId, to, template, null);
    }

    public static OutboundMessage text(UUID communicationId, String to, String text) {
        return new OutboundMessage(communicationId, to, null, text);
    }
}
