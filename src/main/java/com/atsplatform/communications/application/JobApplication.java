package com.atsplatform.communications.application;

import java.time.Instant;
import java.util.UUID;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A candidate's application to a position (named so as not to clash with the JAX-RS and Quarkus
 * "Application"); written by {@link ApplicationStore}.
 */
public class JobApplication {

    public UUID id;

    public UUID candidateId;

    public String position;

    public ApplicationStatus status = ApplicationStatus.NEW;

    /** Set when a reply needs a recruiter (a question); cleared by the recruiter. */
    public boolean needsAttention;

    /** Bumped by every change; the ETag of the application. */
    public long version;

    public Instant createdAt;

    public Instant updatedAt;

    /** A row of {@code applications}. */
    public static JobApplication from(Row row) {
        JobApplication application = new JobApplication();
        application.id = row.getUUID("id");
        application.candidateId = row.getUUID("candidate_id");
        application.position = row.getString("position");
        application.status = WireName.parse(ApplicationStatus.class, row.getString("status"));
        application.needsAttention = row.getBoolean("needs_attention");
        application.version = row.getLong("version");
        application.createdAt = Rows.instant(row.getOffsetDateTime("created_at"));
        application.updatedAt = Rows.instant(row.getOffsetDateTime("updated_at"));
        return application;
    }
}
