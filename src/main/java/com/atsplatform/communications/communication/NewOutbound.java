package com.atsplatform.communications.communication;

import java.util.List;
import java.util.UUID;

/**
 * An outbound message as the send accepted it, every default applied, ready to be stored.
 *
 * @param templateName null for free text
 * @param content      what the candidate reads: the template body with its parameters, or the text
 * @param campaignId   the campaign it belongs to; null for a single send
 */
public record NewOutbound(UUID applicationId, UUID candidateId, MessageType messageType, String recipientPhone, String templateName,
        String language, List<String> parameters, String content, UUID campaignId) {

    public NewOutbound {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** A single send's message. */
    public NewOutbound(UUID applicationId, UUID candidateId, MessageType messageType, String recipientPhone, String templateName,
            String language, List<String> parameters, String content) {
        this(applicationId, candidateId, messageType, recipientPhone, templateName, language, parameters, content, null);
    }
}
