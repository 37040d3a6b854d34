package com.atsplatform.communications.outbox;

import java.util.List;
import java.util.UUID;

import com.atsplatform.communications.communication.Communication;
import com.atsplatform.communications.communication.MessageType;

/**
 * An outbound message claimed for sending: what the Graph API needs, the claim's fencing token,
 * and how many automatic attempts have reached Meta.
 *
 * @param templateName null for free text
 * @param claimToken   the token of the claim this sender holds; it may call Meta and record an
 *                     outcome only while the row still carries it
 */
public record PendingMessage(UUID communicationId, UUID applicationId, MessageType messageType, String recipientPhone,
        String templateName, String language, List<String> parameters, String text, int sendAttempts, UUID claimToken) {

    public PendingMessage {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public static PendingMessage of(Communication communication) {
        return new PendingMessage(communication.communicationId, communication.applicationId, communication.messageType,
                communication.recipientPhone, communication.templateId,
                communication.variables == null ? null : communication.variables.language(),
                communication.variables == null ? List.of() : communication.variables.body(), communication.content,
                communication.sendAttempts, communication.claimToken);
    }
}
