package com.atsplatform.communications.event;

import java.util.UUID;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A change the frontend hears of: {@code communication.created}, {@code communication.updated}
 * (status, interest), {@code application.updated} (status, attention). {@code data} holds the
 * record's id and the changed fields, as JSON.
 */
record Event(long id, String kind, UUID candidateId, UUID applicationId, UUID campaignId, String data) {

    static Event from(Row row) {
        JsonObject data = row.getJsonObject("data");
        return new Event(row.getLong("id"), row.getString("kind"), row.getUUID("candidate_id"), row.getUUID("application_id"),
                row.getUUID("campaign_id"), data.encode());
    }

    /** The SSE clients' filters; each null when not given. */
    record Filters(UUID candidateId, UUID applicationId, UUID campaignId) {

        boolean match(Event event) {
            return (candidateId == null || candidateId.equals(event.candidateId()))
                    && (applicationId == null || applicationId.equals(event.applicationId()))
                    && (campaignId == null || campaignId.equals(event.campaignId()));
        }
    }
}
