package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** One message to or from a candidate, with its delivery history and the reply it got; written by {@link CommunicationStore}. */
public class Communication {

    public UUID communicationId;

    /** Null for an inbound message from a number no candidate has. */
    public UUID applicationId;

    public UUID candidateId;

    public Channel channel = Channel.WHATSAPP;

    public Direction direction;

    public MessageType messageType;

    /** Template name, for template messages. */
    public String templateId;

    public String content;

    /** Template parameters, by component. */
    public TemplateVariables variables;

    public String recipientPhone;

    public String whatsappMessageId;

    public CommunicationStatus status = CommunicationStatus.PENDING;

    public Instant sentAt;

    public Instant deliveredAt;

    public Instant readAt;

    public String errorMessage;

    /** Meta's error code when Meta refused or failed the message. */
    public Integer errorCode;

    /** Manual retries asked for by a recruiter. */
    public int retryCount;

    /** Automatic send attempts: the request's own and the outbox's. */
    public int sendAttempts;

    /** For an inbound reply: the outbound message it answers. */
    public UUID replyToId;

    public String replyContent;

    public Instant replyReceivedAt;

    public InterestStatus interestStatus;

    /** For an inbound reply: what decided {@link #interestStatus}. */
    public String interestReason;

    public Map<String, Object> responseMetadata;

    /** The file an inbound message carries; null for every other message. */
    public InboundMedia media;

    /** Outbox: when a pending outbound message is due to be sent (again). */
    public Instant nextAttemptAt;

    /** Outbox: until when the worker that claimed this message holds it. */
    public Instant leaseExpiresAt;

    /** Outbox: the fencing token of the claim that holds this message (see CommunicationStore). */
    public UUID claimToken;

    /** Outbox: automatic retries end here; the message is then failed with its last error. */
    public Instant giveUpAt;

    /** Outbox: set while the holder's call to Meta runs; found set after a crash, the outcome is unknown. */
    public Instant callStartedAt;

    /** False when this row's own event time is the time it was received (Meta gave none). */
    public boolean metaTime = true;

    public Instant createdAt;

    public Instant updatedAt;

    /** A row of {@code communications}. */
    public static Communication from(Row row) {
        Communication c = new Communication();
        c.communicationId = row.getUUID("communication_id");
        c.applicationId = row.getUUID("application_id");
        c.candidateId = row.getUUID("candidate_id");
        c.channel = WireName.parse(Channel.class, row.getString("channel"));
        c.direction = WireName.parse(Direction.class, row.getString("direction"));
        c.messageType = WireName.parse(MessageType.class, row.getString("message_type"));
        c.templateId = row.getString("template_id");
        c.content = row.getString("content");
        JsonObject variables = row.getJsonObject("variables");
        if (variables != null) {
            JsonArray body = variables.getJsonArray("body");
            List<String> parameters = new ArrayList<>();
            if (body != null) {
                body.forEach(value -> parameters.add(String.valueOf(value)));
            }
            c.variables = new TemplateVariables(variables.getString("language"), parameters);
        }
        c.recipientPhone = row.getString("recipient_phone");
        c.whatsappMessageId = row.getString("whatsapp_message_id");
        c.status = WireName.parse(CommunicationStatus.class, row.getString("status"));
        c.sentAt = Rows.instant(row.getOffsetDateTime("sent_at"));
        c.deliveredAt = Rows.instant(row.getOffsetDateTime("delivered_at"));
        c.readAt = Rows.instant(row.getOffsetDateTime("read_at"));
        c.errorMessage = row.getString("error_message");
        c.errorCode = row.getInteger("error_code");
        c.retryCount = row.getInteger("retry_count");
        c.sendAttempts = row.getInteger("send_attempts");
        c.replyToId = row.getUUID("reply_to_id");
        c.replyContent = row.getString("reply_content");
        c.replyReceivedAt = Rows.instant(row.getOffsetDateTime("reply_received_at"));
        String interest = row.getString("interest_status");
        c.interestStatus = interest == null ? null : WireName.parse(InterestStatus.class, interest);
        c.interestReason = row.getString("interest_reason");
        JsonObject metadata = row.getJsonObject("response_metadata");
        c.responseMetadata = metadata == null ? null : metadata.getMap();
        c.media = row.getColumnIndex("media") < 0 ? null : InboundMedia.from(row.getJsonObject("media"));
        c.nextAttemptAt = Rows.instant(row.getOffsetDateTime("next_attempt_at"));
        c.leaseExpiresAt = Rows.instant(row.getOffsetDateTime("lease_expires_at"));
        c.claimToken = row.getUUID("claim_token");
        c.giveUpAt = Rows.instant(row.getOffsetDateTime("give_up_at"));
        c.callStartedAt = Rows.instant(row.getOffsetDateTime("call_started_at"));
        c.metaTime = row.getBoolean("meta_time");
        c.createdAt = Rows.instant(row.getOffsetDateTime("created_at"));
        c.updatedAt = Rows.instant(row.getOffsetDateTime("updated_at"));
        return c;
    }
}
