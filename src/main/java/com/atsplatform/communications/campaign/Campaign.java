package com.atsplatform.communications.campaign;

import java.time.Instant;
import java.util.UUID;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A campaign with its figures, counted from the records when it is read. A recipient counts once
 * in each stage its initial message reached ({@code sent} includes those delivered, read and
 * replied); a reply to the reminder counts (it marks the initial message replied too).
 */
@RegisterForReflection
public record Campaign(UUID campaignId, String name, String templateName, String language, CampaignStatus status, int total, long skipped,
        long pending, long sent, long delivered, long read, long replied, long failed, long interested, long notInterested, long question,
        Instant createdAt, Instant completedAt) {

    /** A row of {@link CampaignRepository}'s figures query. */
    static Campaign from(Row row) {
        return new Campaign(row.getUUID("id"), row.getString("name"), row.getString("template_name"), row.getString("language"),
                WireName.parse(CampaignStatus.class, row.getString("status")), row.getInteger("total"), row.getLong("skipped"),
                row.getLong("pending"), row.getLong("sent"), row.getLong("delivered"), row.getLong("read"), row.getLong("replied"),
                row.getLong("failed"), row.getLong("interested"), row.getLong("not_interested"), row.getLong("question"),
                Rows.instant(row.getOffsetDateTime("created_at")), Rows.instant(row.getOffsetDateTime("completed_at")));
    }
}
