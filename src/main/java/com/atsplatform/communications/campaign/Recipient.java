package com.atsplatform.communications.campaign;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One application a campaign was asked to reach.
 *
 * @param status         its message's status, or {@code skipped}
 * @param skipReason     {@code opted_out} or {@code invalid_phone}; null when it got a message
 * @param interestStatus what the candidate's reply (to the message or its reminder) said; null before one
 */
@RegisterForReflection
public record Recipient(UUID applicationId, UUID candidateId, UUID communicationId, String status, String skipReason,
        String interestStatus) {

    static Recipient from(Row row) {
        return new Recipient(row.getUUID("application_id"), row.getUUID("candidate_id"), row.getUUID("communication_id"),
                row.getString("status"), row.getString("skip_reason"), row.getString("interest_status"));
    }
}
