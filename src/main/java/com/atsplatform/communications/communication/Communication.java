package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One message to or from a candidate, with its delivery history and the reply it got; read with Hibernate, written by {@link CommunicationStore}. */
@Entity
@Table(name = "communications")
public class Communication {

    @Id
    @Column(name = "communication_id")
    public UUID communicationId;

    /** Null for an inbound message from a number no candidate has. */
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "candidate_id")
    public UUID candidateId;

    @Column(name = "channel", nullable = false, length = 8)
    public Channel channel = Channel.WHATSAPP;

    @Column(name = "direction", nullable = false, length = 8)
    public Direction direction;

    @Column(name = "message_type", nullable = false, length = 12)
    public MessageType messageType;

    /** Template name, for template messages. */
    @Column(name = "template_id", length = 512)
    public String templateId;

    @Column(name = "content", columnDefinition = "text")
    public String content;

    /** Template parameters, by component. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "variables", columnDefinition = "jsonb")
    public TemplateVariables variables;

    @Column(name = "recipient_phone", length = 16)
    public String recipientPhone;

    @Column(name = "whatsapp_message_id", length = 128, unique = true)
    public String whatsappMessageId;

    @Column(name = "status", nullable = false, length = 10)
    public CommunicationStatus status = CommunicationStatus.PENDING;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    /** Meta's error code when Meta refused or failed the message. */
    @Column(name = "error_code")
    public Integer errorCode;

    /** Manual retries asked for by a recruiter. */
    @Column(name = "retry_count", nullable = false)
    public int retryCount;

    /** Automatic send attempts: the request's own and the outbox's. */
    @Column(name = "send_attempts", nullable = false)
    public int sendAttempts;

    /** For an inbound reply: the outbound message it answers. */
    @Column(name = "reply_to_id")
    public UUID replyToId;

    @Column(name = "reply_content", columnDefinition = "text")
    public String replyContent;

    @Column(name = "reply_received_at")
    public Instant replyReceivedAt;

    @Column(name = "interest_status", length = 16)
    public InterestStatus interestStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "response_metadata", columnDefinition = "jsonb")
    public Map<String, Object> responseMetadata;

    /** Outbox: when a pending outbound message is due to be sent (again). */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Outbox: until when the worker that claimed this message holds it. */
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Outbox: the fencing token of the claim that holds this message (see CommunicationStore). */
    @Column(name = "claim_token")
    public UUID claimToken;

    /** Outbox: automatic retries end here; the message is then failed with its last error. */
    @Column(name = "give_up_at")
    public Instant giveUpAt;

    /** Outbox: set while the holder's call to Meta runs; found set after a crash, the outcome is unknown. */
    @Column(name = "call_started_at")
    public Instant callStartedAt;

    /** False when this row's own event time is the time it was received (Meta gave none). */
    @Column(name = "meta_time", nullable = false)
    public boolean metaTime = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
