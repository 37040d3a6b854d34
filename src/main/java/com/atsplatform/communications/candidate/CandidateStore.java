package com.atsplatform.communications.candidate;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every write to the {@code candidates} table: a new candidate, and their WhatsApp opt-out as Meta reports it. */
@ApplicationScoped
public class CandidateStore {

    private static final String INSERT = """
            insert into candidates (id, full_name, phone, email) values ($1, $2, $3, $4)
            returning id, full_name, phone, email, whatsapp_opt_out, opted_out_at, created_at, updated_at
            """;

    /** The first opt-out's time stays. */
    private static final String OPT_OUT = """
            update candidates set whatsapp_opt_out = true, opted_out_at = coalesce(opted_out_at, $2), updated_at = now()
             where id = $1
            """;

    /** Meta's {@code user_preferences}: a resume older than the opt-out it would undo changes nothing. */
    private static final String PREFERENCE = """
            update candidates set
                whatsapp_opt_out = $2,
                opted_out_at = case when $2 then coalesce(opted_out_at, $3) else null end,
                updated_at = now()
             where phone = $1
               and ($2 or opted_out_at is null or opted_out_at <= $3)
            """;

    private final Pool pool;

    CandidateStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Candidate> insert(String fullName, String phone, String email) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), fullName, phone, email))
                .map(rows -> Candidate.from(rows.iterator().next()));
    }

    /** The candidate asked not to be written to again (a STOP reply, or Meta's marketing opt-out error). */
    public Uni<Void> optOut(SqlClient client, UUID candidateId, Instant at) {
        return client.preparedQuery(OPT_OUT).execute(Tuple.tuple().addUUID(candidateId).addOffsetDateTime(Rows.utc(at))).replaceWithVoid();
    }

    /** @return how many candidates have this number */
    public Uni<Integer> applyPreference(SqlClient client, String phone, boolean stop, Instant at) {
        return client.preparedQuery(PREFERENCE).execute(Tuple.tuple().addString(phone).addBoolean(stop).addOffsetDateTime(Rows.utc(at)))
                .map(RowSet::rowCount);
    }

}
