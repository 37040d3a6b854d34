package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A communication as the API shows it (the record of PRODUCT.md). {@code variables} are the
 * template's body parameters in order; {@code next_attempt_at} tells when a pending message is tried again;
 * {@code media} is the file an inbound message carries.
 */
@RegisterForReflection
public record CommunicationView(UUID communicationId, UUID applicationId, UUID candidateId, Channel channel, Direction direction,
        MessageType messageType, String templateId, String content, List<String> variables, String recipientPhone,
        String whatsappMessageId, CommunicationStatus status, Instant sentAt, Instant deliveredAt, Instant readAt,
        String errorMessage, Integer errorCode, int retryCount, UUID replyToId, String replyContent, Instant replyReceivedAt,
        InterestStatus interestStatus, String interestReason, Map<String, Object> responseMetadata, InboundMedia media,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    public static CommunicationView of(Communication c) {
        return new CommunicationView(c.communicationId, c.applicationId, c.candidateId, c.channel, c.direction, c.messageType,
                c.templateId, c.content, c.variables == null ? null : c.variables.body(), c.recipientPhone, c.whatsappMessageId,
                c.status, c.sentAt, c.deliveredAt, c.readAt, c.errorMessage, c.errorCode, c.retryCount, c.replyToId, c.replyContent,
                c.replyReceivedAt, c.interestStatus, c.interestReason, c.responseMetadata, c.media,
                c.status == CommunicationStatus.PENDING ? c.nextAttemptAt : null, c.createdAt, c.updatedAt);
    }
}
