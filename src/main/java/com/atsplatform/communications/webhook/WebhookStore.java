package com.atsplatform.communications.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.api.WireName;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The webhook's writes, each one atomic SQL statement, so redelivered and reordered events need
 * no locking in Java: a unique index decides duplicates, CASE expressions decide ranks.
 */
@ApplicationScoped
class WebhookStore {

    /** Status rank: a higher one wins, a lower late one never overwrites it. */
    private static final String RANK = "array_position(array['pending','sent','failed','delivered','read','replied']::text[], %s)";

    /**
     * A status moves the row by rank and fills its time; the outbox's hold on it ends (Meta has the
     * message). {@code accepted}: the row left {@code pending} for a status that means Meta took it.
     */
    private static final String APPLY_STATUS = """
            with target as (
                select communication_id, status as old_status from communications
                 where direction = 'outbound'
                   and (whatsapp_message_id = $1 or (whatsapp_message_id is null and communication_id = $2))
                 order by (whatsapp_message_id = $1) desc nulls last
                 limit 1
                   for update)
            update communications c set
                whatsapp_message_id = coalesce(c.whatsapp_message_id, $1),
                status = case when %s > %s then $3 else c.status end,
                sent_at = case when $3 = 'sent' then coalesce(c.sent_at, $4) else c.sent_at end,
                delivered_at = case when $3 = 'delivered' then coalesce(c.delivered_at, $4) else c.delivered_at end,
                read_at = case when $3 = 'read' then coalesce(c.read_at, $4) else c.read_at end,
                error_code = case when $3 = 'failed' then $5 else c.error_code end,
                error_message = case when $3 = 'failed' then $6 else c.error_message end,
                response_metadata = case when $7::text is null then c.response_metadata
                                         else coalesce(c.response_metadata, '{}'::jsonb) || $7::text::jsonb end,
                next_attempt_at = null, lease_expires_at = null, claim_token = null, call_started_at = null,
                updated_at = now()
              from target
             where c.communication_id = target.communication_id
            returning c.communication_id, c.candidate_id, c.application_id, c.message_type,
                      (target.old_status = 'pending' and $3 <> 'failed') as accepted
            """.formatted(RANK.formatted("$3::text"), RANK.formatted("c.status"));

    /** The outbound a reply answers, by the wamid it quotes. */
    private static final String OUTBOUND_BY_WAMID = """
            select communication_id, candidate_id, application_id from communications
             where whatsapp_message_id = $1 and direction = 'outbound'
            """;

    /** The sender's candidate, and the latest outbound to them (the reply's default target). */
    private static final String CANDIDATE_BY_PHONE = """
            select cand.id as candidate_id, o.communication_id, o.application_id
              from candidates cand
              left join lateral (select communication_id, application_id, created_at from communications
                                  where candidate_id = cand.id and direction = 'outbound'
                                  order by created_at desc limit 1) o on true
             where cand.phone = $1
             order by o.created_at desc nulls last, cand.created_at desc
             limit 1
            """;

    private static final String INSERT_INBOUND = """
            insert into communications (communication_id, application_id, candidate_id, channel, direction, message_type,
                                        content, recipient_phone, whatsapp_message_id, status, sent_at, reply_to_id,
                                        interest_status, response_metadata, meta_time)
            values ($1, $2, $3, 'whatsapp', 'inbound', 'reply', $4, $5, $6, 'delivered', $7, $8, $9, $10::text::jsonb, $11)
            on conflict (whatsapp_message_id) do nothing
            returning communication_id
            """;

    /**
     * The answered outbound becomes replied; of several replies the latest one stays: by Meta's
     * time, and a reply Meta timed beats one timed on receipt ($5: whether $3 is Meta's time).
     */
    private static final String MARK_REPLIED = """
            update communications o set status = 'replied', reply_content = $2, reply_received_at = $3,
                   interest_status = $4, updated_at = now()
             where o.communication_id = $1
               and not exists (select 1 from communications later
                                where later.reply_to_id = o.communication_id and later.direction = 'inbound'
                                  and (later.meta_time > $5 or (later.meta_time = $5 and later.sent_at > $3)))
            """;

    private static final String OPT_OUT = """
            update candidates set whatsapp_opt_out = true, opted_out_at = coalesce(opted_out_at, $2), updated_at = now()
             where id = $1
            """;

    private static final String PREFERENCE = """
            update candidates set
                whatsapp_opt_out = $2,
                opted_out_at = case when $2 then coalesce(opted_out_at, $3) else null end,
                updated_at = now()
             where phone = $1
               and ($2 or opted_out_at is null or opted_out_at <= $3)
            """;

    /** The outbound row a status applied to; {@code accepted} when it left {@code pending} because Meta took it. */
    record StatusApplied(UUID communicationId, UUID candidateId, UUID applicationId, MessageType messageType, boolean accepted) {
    }

    /** The outbound row a reply is linked to, with its candidate and application. */
    record Target(UUID outboundId, UUID candidateId, UUID applicationId) {
    }

    /** @return the updated message; empty when no outbound message has this wamid or callback id */
    Uni<Optional<StatusApplied>> applyStatus(SqlConnection connection, WebhookEvent.Status status, String metadataJson) {
        return connection.preparedQuery(APPLY_STATUS)
                .execute(Tuple.tuple().addString(status.wamid()).addUUID(status.communicationId()).addString(status.status())
                        .addOffsetDateTime(utc(status.timestamp())).addInteger(status.errorCode()).addString(status.errorMessage())
                        .addString(metadataJson))
                .map(rows -> first(rows).map(row -> new StatusApplied(row.getUUID("communication_id"), row.getUUID("candidate_id"),
                        row.getUUID("application_id"), MessageType.valueOf(row.getString("message_type").toUpperCase(Locale.ROOT)),
                        row.getBoolean("accepted"))));
    }

    Uni<Optional<Target>> outboundByWamid(SqlConnection connection, String wamid) {
        return connection.preparedQuery(OUTBOUND_BY_WAMID).execute(Tuple.of(wamid)).map(rows -> first(rows).map(WebhookStore::target));
    }

    Uni<Optional<Target>> candidateByPhone(SqlConnection connection, String phone) {
        return connection.preparedQuery(CANDIDATE_BY_PHONE).execute(Tuple.of(phone)).map(rows -> first(rows).map(WebhookStore::target));
    }

    /** @return false when this wamid was stored before (a redelivery) */
    Uni<Boolean> insertInbound(SqlConnection connection, WebhookEvent.Inbound inbound, Target target, String metadataJson) {
        Tuple values = Tuple.tuple().addUUID(UUID.randomUUID())
                .addUUID(target == null ? null : target.applicationId())
                .addUUID(target == null ? null : target.candidateId())
                .addString(inbound.content()).addString(inbound.from()).addString(inbound.wamid())
                .addOffsetDateTime(utc(inbound.timestamp()))
                .addUUID(target == null ? null : target.outboundId())
                .addString(WireName.of(inbound.interest()))
                .addString(metadataJson)
                .addBoolean(inbound.metaTime());
        return connection.preparedQuery(INSERT_INBOUND).execute(values).map(rows -> rows.rowCount() == 1);
    }

    Uni<Void> markReplied(SqlConnection connection, UUID outboundId, WebhookEvent.Inbound inbound) {
        return connection.preparedQuery(MARK_REPLIED)
                .execute(Tuple.tuple().addUUID(outboundId).addString(inbound.content()).addOffsetDateTime(utc(inbound.timestamp()))
                        .addString(WireName.of(inbound.interest())).addBoolean(inbound.metaTime()))
                .replaceWithVoid();
    }

    Uni<Void> optOut(SqlConnection connection, UUID candidateId, Instant at) {
        return connection.preparedQuery(OPT_OUT).execute(Tuple.tuple().addUUID(candidateId).addOffsetDateTime(utc(at))).replaceWithVoid();
    }

    /** @return how many candidates have this number */
    Uni<Integer> applyPreference(SqlConnection connection, WebhookEvent.Preference preference) {
        return connection.preparedQuery(PREFERENCE)
                .execute(Tuple.tuple().addString(preference.phone()).addBoolean(preference.stop()).addOffsetDateTime(utc(preference.timestamp())))
                .map(RowSet::rowCount);
    }

    private static Target target(Row row) {
        return new Target(row.getUUID("communication_id"), row.getUUID("candidate_id"), row.getUUID("application_id"));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
