package com.atsplatform.communications.communication;

import java.util.List;
import java.util.UUID;

/**
 * An outbound message claimed for sending: what the Graph API needs, the claim's fencing token,
 * and how many automatic attempts have reached Meta.
 *
 * @param templateName null for free text
 * @param claimToken   the token of the claim its sender holds; it may call Meta and record an
 *                     outcome only while the row still carries it
 * @param bulk         a campaign message or a reminder: paced in the bulk lane, behind single sends
 */
public record PendingMessage(UUID communicationId, UUID applicationId, MessageType messageType, String recipientPhone,
        String templateName, String language, List<String> parameters, String text, int sendAttempts, UUID claimToken, boolean bulk) {

    public PendingMessage {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
