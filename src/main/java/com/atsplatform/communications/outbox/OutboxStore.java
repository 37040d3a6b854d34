package com.atsplatform.communications.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.whatsapp.MetaError;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's state changes, each one SQL statement. A claim takes due rows with
 * {@code FOR UPDATE SKIP LOCKED} and leases them, so several instances never take the same row and
 * a row whose claimer died is taken again once its lease has expired. Outcomes only move a row
 * that is still {@code pending}: a status webhook that got there first is never undone.
 */
@ApplicationScoped
public class OutboxStore {

    private static final String CLAIMED_COLUMNS = """
            c.communication_id, c.application_id, c.message_type, c.recipient_phone, c.template_id, c.variables, c.content,
            c.send_attempts, coalesce((select whatsapp_opt_out from candidates where id = c.candidate_id), false) as opted_out
            """;

    private static final String CLAIM_DUE = """
            with due as (
                select communication_id from communications
                 where status = 'pending' and direction = 'outbound' and next_attempt_at <= now()
                   and (lease_expires_at is null or lease_expires_at < now())
                 order by next_attempt_at
                 limit $1
                   for update skip locked)
            update communications c set lease_expires_at = now() + make_interval(secs => $2), updated_at = now()
              from due
             where c.communication_id = due.communication_id
            returning\s""" + CLAIMED_COLUMNS;

    private static final String CLAIM_FOR_RETRY = """
            update communications c set status = 'pending', retry_count = c.retry_count + 1, send_attempts = 0,
                   error_code = null, error_message = null, next_attempt_at = now(),
                   lease_expires_at = now() + make_interval(secs => $2), updated_at = now()
             where c.communication_id = $1 and c.direction = 'outbound' and c.status = 'failed' and c.retry_count < $3
            returning\s""" + CLAIMED_COLUMNS;

    private static final String ACCEPTED = """
            with sent as (
                update communications set
                    whatsapp_message_id = coalesce(whatsapp_message_id, $2),
                    error_code = case when status = 'pending' then null else error_code end,
                    error_message = case when status = 'pending' then null else error_message end,
                    status = case when status = 'pending' then 'sent' else status end,
                    sent_at = coalesce(sent_at, now()), send_attempts = $3,
                    lease_expires_at = null, next_attempt_at = null, updated_at = now()
                 where communication_id = $1
                returning application_id, message_type)
            update applications a set status = 'contacted', updated_at = now()
              from sent
             where a.id = sent.application_id and sent.message_type = 'initial' and a.status = 'new'
            """;

    private static final String FAILED = """
            update communications set status = case when status = 'pending' then 'failed' else status end,
                   error_code = $2, error_message = $3, send_attempts = $4,
                   lease_expires_at = null, next_attempt_at = null, updated_at = now()
             where communication_id = $1
            """;

    private static final String DEFERRED = """
            update communications set error_code = $2, error_message = $3, send_attempts = $4,
                   next_attempt_at = now() + make_interval(secs => $5), lease_expires_at = null, updated_at = now()
             where communication_id = $1 and status = 'pending'
            """;

    private final Pool pool;

    OutboxStore(Pool pool) {
        this.pool = pool;
    }

    Uni<List<PendingMessage>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(limit, seconds(lease))).map(rows -> {
            List<PendingMessage> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(pending(row)));
            return claimed;
        });
    }

    /**
     * Takes a failed message back to pending for a manual retry, leased to the caller, in one
     * conditional statement, so two retries at once never both send.
     *
     * @return empty when it is no longer failed or has used its retries
     */
    public Uni<Optional<PendingMessage>> claimForRetry(UUID communicationId, Duration lease, int retryLimit) {
        return pool.preparedQuery(CLAIM_FOR_RETRY).execute(Tuple.of(communicationId, seconds(lease), retryLimit))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(pending(rows.iterator().next())) : Optional.empty());
    }

    Uni<Void> accepted(UUID communicationId, String wamid, int attempts) {
        return pool.preparedQuery(ACCEPTED).execute(Tuple.of(communicationId, wamid, attempts)).replaceWithVoid();
    }

    Uni<Void> failed(UUID communicationId, MetaError error, int attempts) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.tuple().addUUID(communicationId).addInteger(error.code()).addString(error.summary()).addInteger(attempts))
                .replaceWithVoid();
    }

    Uni<Void> deferred(UUID communicationId, MetaError error, int attempts, Duration delay) {
        return pool.preparedQuery(DEFERRED)
                .execute(Tuple.tuple().addUUID(communicationId).addInteger(error.code()).addString(error.summary()).addInteger(attempts)
                        .addDouble(seconds(delay)))
                .replaceWithVoid();
    }

    private static PendingMessage pending(Row row) {
        JsonObject variables = row.getJsonObject("variables");
        List<String> parameters = new ArrayList<>();
        String language = null;
        if (variables != null) {
            language = variables.getString("language");
            JsonArray body = variables.getJsonArray("body");
            if (body != null) {
                body.forEach(value -> parameters.add(String.valueOf(value)));
            }
        }
        return new PendingMessage(row.getUUID("communication_id"), row.getUUID("application_id"),
                MessageType.valueOf(row.getString("message_type").toUpperCase(Locale.ROOT)), row.getString("recipient_phone"),
                row.getString("template_id"), language, parameters, row.getString("content"), row.getInteger("send_attempts"),
                row.getBoolean("opted_out"));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
