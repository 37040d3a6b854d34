package com.atsplatform.communications.whatsapp;

import java.util.UUID;

/** Fired when the mock gateway accepts a message, so that its statuses can be simulated. */
public record MockMessageAccepted(String whatsappMessageId, UUID communicationId, String recipient) {
}
