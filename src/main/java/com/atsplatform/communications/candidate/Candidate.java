package com.atsplatform.communications.candidate;

import java.time.Instant;
import java.util.UUID;

import com.atsplatform.communications.persistence.Rows;

import io.vertx.mutiny.sqlclient.Row;

/** A person the recruiters contact; written by {@link CandidateStore}. */
public class Candidate {

    public UUID id;

    public String fullName;

    /** E.164. */
    public String phone;

    public String email;

    public boolean whatsappOptOut;

    public Instant optedOutAt;

    public Instant createdAt;

    public Instant updatedAt;

    /** A row of {@code candidates}. */
    public static Candidate from(Row row) {
        Candidate candidate = new Candidate();
        candidate.id = row.getUUID("id");
        candidate.fullName = row.getString("full_name");
        candidate.phone = row.getString("phone");
        candidate.email = row.getString("email");
        candidate.whatsappOptOut = row.getBoolean("whatsapp_opt_out");
        candidate.optedOutAt = Rows.instant(row.getOffsetDateTime("opted_out_at"));
        candidate.createdAt = Rows.instant(row.getOffsetDateTime("created_at"));
        candidate.updatedAt = Rows.instant(row.getOffsetDateTime("updated_at"));
        return candidate;
    }
}
