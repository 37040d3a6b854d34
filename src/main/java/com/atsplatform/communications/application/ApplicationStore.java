package com.atsplatform.communications.application;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write to the {@code applications} table: a recruiter's change, the first contact and a
 * reply's interest. Each is one conditional statement that changes only the fields it names and
 * bumps {@code version}, so concurrent changes never undo each other; which moves are allowed comes
 * from {@link ApplicationStatus#next()} alone.
 */
@ApplicationScoped
public class ApplicationStore {

    private static final String COLUMNS = "id, candidate_id, position, status, needs_attention, version, created_at, updated_at";

    private static final String INSERT = """
            insert into applications (id, candidate_id, position) values ($1, $2, $3)
            returning\s""" + COLUMNS;

    /**
     * $2 status (null: unchanged), $3 the statuses it may be reached from, $4 needs_attention (null:
     * unchanged), $5 the version the recruiter saw (null: any). Moving to the status it already has
     * is allowed and changes nothing.
     */
    private static final String RECRUITER_UPDATE = """
            update applications set
                status = coalesce($2, status),
                needs_attention = coalesce($4, needs_attention),
                version = version + case when coalesce($2, status) <> status or coalesce($4, needs_attention) <> needs_attention
                                         then 1 else 0 end,
                updated_at = case when coalesce($2, status) <> status or coalesce($4, needs_attention) <> needs_attention
                                  then now() else updated_at end
             where id = $1
               and ($5::bigint is null or version = $5)
               and ($2::text is null or status = $2 or status = any($3::text[]))
            returning\s""" + COLUMNS;

    private static final String FIRST_CONTACT = """
            update applications set status = $2, version = version + 1, updated_at = now()
             where id = $1 and status = any($3::text[])
            """;

    /**
     * A reply's interest: $2 the status it moves to (null for none), $3 the statuses that move allows
     * from, $4 whether it needs a recruiter. Nothing happens when a reply that beats this one (later by
     * Meta's time; a reply with Meta's time beats one timed on receipt, $6) has already decided.
     */
    private static final String REPLY = """
            update applications a set
                status = case when $2::text is not null and a.status = any($3::text[]) then $2 else a.status end,
                needs_attention = a.needs_attention or $4,
                version = a.version + 1, updated_at = now()
             where a.id = $1
               and (($2::text is not null and a.status = any($3::text[])) or ($4 and not a.needs_attention))
               and not exists (select 1 from communications later
                                where later.application_id = a.id and later.direction = 'inbound'
                                  and later.interest_status in ('interested', 'not_interested', 'question')
                                  and (later.meta_time > $6 or (later.meta_time = $6 and later.sent_at > $5)))
            """;

    private final Pool pool;

    ApplicationStore(Pool pool) {
        this.pool = pool;
    }

    Uni<JobApplication> insert(UUID candidateId, String position) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), candidateId, position))
                .map(rows -> JobApplication.from(rows.iterator().next()));
    }

    /**
     * A recruiter's change of status and/or attention flag.
     *
     * @param expectedVersion the version the change was based on ({@code If-Match}); null for any
     * @return empty when no row matched: unknown, stale or a move not allowed (the caller tells which)
     */
    Uni<Optional<JobApplication>> update(UUID id, ApplicationStatus status, Boolean needsAttention, Long expectedVersion) {
        Tuple values = Tuple.tuple().addUUID(id).addString(status == null ? null : wire(status))
                .addArrayOfString(status == null ? new String[0] : wire(ApplicationStatus.sourcesOf(status)))
                .addBoolean(needsAttention).addLong(expectedVersion);
        return pool.preparedQuery(RECRUITER_UPDATE).execute(values).map(rows -> Rows.first(rows).map(JobApplication::from));
    }

    /** A first {@code initial} message Meta accepted: a {@code new} application becomes {@code contacted}. */
    public Uni<Void> firstContact(SqlClient client, UUID applicationId) {
        return client.preparedQuery(FIRST_CONTACT)
                .execute(Tuple.of(applicationId, wire(ApplicationStatus.CONTACTED), wire(ApplicationStatus.sourcesOf(ApplicationStatus.CONTACTED))))
                .replaceWithVoid();
    }

    /**
     * What a candidate's reply says about the application.
     *
     * @param moveTo         {@code interested} or {@code not_interested}; null when the reply moves nothing
     * @param needsAttention whether a recruiter should look at it (a question)
     * @param metaTime       whether {@code replyTime} is Meta's own (false: the time it was received)
     */
    public Uni<Void> reply(SqlClient client, UUID applicationId, ApplicationStatus moveTo, boolean needsAttention, Instant replyTime,
            boolean metaTime) {
        Tuple values = Tuple.tuple().addUUID(applicationId).addString(moveTo == null ? null : wire(moveTo))
                .addArrayOfString(moveTo == null ? new String[0] : wire(ApplicationStatus.sourcesOf(moveTo)))
                .addBoolean(needsAttention).addOffsetDateTime(replyTime.atOffset(ZoneOffset.UTC)).addBoolean(metaTime);
        return client.preparedQuery(REPLY).execute(values).replaceWithVoid();
    }

    private static String wire(ApplicationStatus status) {
        return WireName.of(status);
    }

    private static String[] wire(Set<ApplicationStatus> statuses) {
        return statuses.stream().map(ApplicationStore::wire).toArray(String[]::new);
    }
}
