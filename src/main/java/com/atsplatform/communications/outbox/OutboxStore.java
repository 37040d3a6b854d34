package com.atsplatform.communications.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.communication.Acceptance;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.whatsapp.MetaError;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's state changes, each one SQL statement, fenced by a claim token:
 * <ol>
 * <li>a claim takes due rows with {@code FOR UPDATE SKIP LOCKED}, leases them and writes a new
 * {@code claim_token}; a row whose lease expired can be claimed again, which changes the token;</li>
 * <li>just before calling Meta, the holder {@linkplain #fence fences}: only if the row still carries
 * its token does it get to call, and the lease is stretched to cover the whole call, so nobody else
 * can claim the row while the call runs;</li>
 * <li>an outcome is recorded only where the token still matches and the row is still
 * {@code pending} (a status webhook that got there first is never undone).</li>
 * </ol>
 * A row found with a call started and its lease expired lost its sender mid-call: whether Meta took
 * it is unknown, so it waits for Meta's status webhook before it is tried again.
 */
@ApplicationScoped
public class OutboxStore {

    private static final String CLAIMED_COLUMNS = """
            c.communication_id, c.application_id, c.message_type, c.recipient_phone, c.template_id, c.variables, c.content,
            c.send_attempts, c.claim_token
            """;

    private static final String CLAIM_DUE = """
            with due as (
                select communication_id from communications
                 where status = 'pending' and direction = 'outbound' and next_attempt_at <= now()
                   and (lease_expires_at is null or lease_expires_at < now()) and call_started_at is null
                 order by next_attempt_at
                 limit $1
                   for update skip locked)
            update communications c set lease_expires_at = now() + make_interval(secs => $2), claim_token = gen_random_uuid(),
                   updated_at = now()
              from due
             where c.communication_id = due.communication_id
            returning\s""" + CLAIMED_COLUMNS;

    private static final String RESCHEDULE_ORPHANED_CALLS = """
            update communications set next_attempt_at = call_started_at + make_interval(secs => $1),
                   send_attempts = send_attempts + 1, error_code = null, error_message = $2,
                   call_started_at = null, claim_token = null, lease_expires_at = null, updated_at = now()
             where status = 'pending' and direction = 'outbound' and call_started_at is not null and lease_expires_at < now()
            """;

    private static final String CLAIM_FOR_RETRY = """
            update communications c set status = 'pending', retry_count = c.retry_count + 1, send_attempts = 0,
                   error_code = null, error_message = null, next_attempt_at = now(), call_started_at = null,
                   lease_expires_at = now() + make_interval(secs => $2), claim_token = gen_random_uuid(),
                   give_up_at = now() + make_interval(secs => $4), updated_at = now()
             where c.communication_id = $1 and c.direction = 'outbound' and c.status = 'failed' and c.retry_count < $3
            returning\s""" + CLAIMED_COLUMNS;

    /** Still the holder? Then hold the row for the whole call, and say what may have changed since the claim. */
    private static final String FENCE = """
            update communications c set lease_expires_at = clock_timestamp() + make_interval(secs => $3),
                   call_started_at = clock_timestamp(), updated_at = now()
             where c.communication_id = $1 and c.claim_token = $2 and c.status = 'pending'
            returning coalesce((select whatsapp_opt_out from candidates where id = c.candidate_id), false) as opted_out,
                      case when c.template_id is null then
                          (select max(i.sent_at) from communications i where i.candidate_id = c.candidate_id and i.direction = 'inbound')
                      end as last_inbound_at
            """;

    private static final String ACCEPTED = """
            update communications set whatsapp_message_id = coalesce(whatsapp_message_id, $3), status = 'sent',
                   error_code = null, error_message = null, sent_at = coalesce(sent_at, now()), send_attempts = $4,
                   lease_expires_at = null, next_attempt_at = null, call_started_at = null, claim_token = null, updated_at = now()
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            returning communication_id, application_id, message_type
            """;

    private static final String FAILED = """
            update communications set status = 'failed', error_code = $3, error_message = $4, send_attempts = $5,
                   lease_expires_at = null, next_attempt_at = null, call_started_at = null, claim_token = null, updated_at = now()
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            """;

    /**
     * Pending again until its next attempt, or failed once its time is up ({@code give_up_at}). An
     * attempt that never reached Meta ($5 false) keeps the error Meta gave before, if any.
     */
    private static final String DEFERRED = """
            update communications set
                   status = case when give_up_at <= clock_timestamp() then 'failed' else status end,
                   error_code = case when $5 or error_message is null then $3 else error_code end,
                   error_message = case when $5 or error_message is null then $4 else error_message end,
                   send_attempts = $6,
                   next_attempt_at = case when give_up_at <= clock_timestamp() then null
                                          else least(clock_timestamp() + make_interval(secs => $7), give_up_at) end,
                   lease_expires_at = null, call_started_at = null, claim_token = null, updated_at = now()
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            returning status
            """;

    /** What the holder learnt when it fenced: the rules that may have changed since the message was accepted. */
    record Fenced(boolean candidateOptedOut, Instant lastInboundAt) {
    }

    private final Pool pool;
    private final Acceptance acceptance;

    OutboxStore(Pool pool, Acceptance acceptance) {
        this.pool = pool;
        this.acceptance = acceptance;
    }

    Uni<List<PendingMessage>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(limit, seconds(lease))).map(OutboxStore::pending);
    }

    /** @return how many rows lost their sender mid-call and now wait for Meta's status webhook */
    Uni<Integer> rescheduleOrphanedCalls(Duration unknownOutcomeDelay) {
        return pool.preparedQuery(RESCHEDULE_ORPHANED_CALLS)
                .execute(Tuple.of(seconds(unknownOutcomeDelay), MetaError.senderStoppedMidCall().summary()))
                .map(RowSet::rowCount);
    }

    /**
     * Takes a failed message back to pending for a manual retry, claimed by the caller, in one
     * conditional statement, so two retries at once never both send.
     *
     * @return empty when it is no longer failed or has used its retries
     */
    public Uni<Optional<PendingMessage>> claimForRetry(UUID communicationId, Duration lease, int retryLimit, Duration giveUpAfter) {
        return pool.preparedQuery(CLAIM_FOR_RETRY).execute(Tuple.of(communicationId, seconds(lease), retryLimit, seconds(giveUpAfter)))
                .map(rows -> pending(rows).stream().findFirst());
    }

    /** @return empty when the caller no longer holds the message: it must not call Meta */
    Uni<Optional<Fenced>> fence(PendingMessage message, Duration hold) {
        return pool.preparedQuery(FENCE).execute(Tuple.of(message.communicationId(), message.claimToken(), seconds(hold)))
                .map(rows -> first(rows).map(row -> new Fenced(row.getBoolean("opted_out"),
                        row.getOffsetDateTime("last_inbound_at") == null ? null : row.getOffsetDateTime("last_inbound_at").toInstant())));
    }

    /** Meta accepted it: {@code sent}, with {@link Acceptance}'s effects in the same transaction. @return false when not the holder */
    Uni<Boolean> accepted(PendingMessage message, String wamid, int attempts) {
        return pool.withTransaction(connection -> connection.preparedQuery(ACCEPTED)
                .execute(Tuple.of(message.communicationId(), message.claimToken(), wamid, attempts))
                .flatMap(rows -> first(rows).map(row -> acceptance.apply(connection, new Acceptance.Accepted(row.getUUID("communication_id"),
                        row.getUUID("application_id"), MessageType.valueOf(row.getString("message_type").toUpperCase(Locale.ROOT))))
                        .replaceWith(true))
                        .orElseGet(() -> Uni.createFrom().item(false))));
    }

    /** @return false when not the holder */
    Uni<Boolean> failed(PendingMessage message, MetaError error, int attempts) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.tuple().addUUID(message.communicationId()).addUUID(message.claimToken()).addInteger(error.code())
                        .addString(error.summary()).addInteger(attempts))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * @param reachedMeta whether this attempt got to Meta (else Meta's earlier error is kept)
     * @return the status it has now: {@code pending}, or {@code failed} when its time was up; empty when not the holder
     */
    Uni<Optional<String>> deferred(PendingMessage message, MetaError error, boolean reachedMeta, int attempts, Duration delay) {
        return pool.preparedQuery(DEFERRED)
                .execute(Tuple.tuple().addUUID(message.communicationId()).addUUID(message.claimToken()).addInteger(error.code())
                        .addString(error.summary()).addBoolean(reachedMeta).addInteger(attempts).addDouble(seconds(delay)))
                .map(rows -> first(rows).map(row -> row.getString("status")));
    }

    private static List<PendingMessage> pending(RowSet<Row> rows) {
        List<PendingMessage> claimed = new ArrayList<>();
        rows.forEach(row -> claimed.add(pending(row)));
        return claimed;
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
                row.getUUID("claim_token"));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
