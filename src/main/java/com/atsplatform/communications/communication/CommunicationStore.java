package com.atsplatform.communications.communication;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write to the {@code communications} table, each one SQL statement, so redelivered and
 * reordered webhooks and concurrent senders need no locking in Java: a unique index decides
 * duplicate inbound messages, the status rank ({@link CommunicationStatus}'s order) decides
 * statuses, and the outbox's claims are fenced by a token:
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
 * it is unknown, so it waits for Meta's status webhook before it is tried again. Whichever way a row
 * leaves {@code pending} because Meta took it, {@link Acceptance} applies the effects in the same
 * transaction.
 */
@ApplicationScoped
public class CommunicationStore {

    private static final String CLAIMED_COLUMNS = """
            c.communication_id, c.application_id, c.message_type, c.recipient_phone, c.template_id, c.variables, c.content,
            c.send_attempts, c.claim_token, (c.campaign_id is not null or c.message_type = 'reminder') as bulk
            """;

    private static final String INSERT_PENDING = """
            insert into communications as c (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                             content, variables, recipient_phone, status, next_attempt_at, give_up_at, claim_token,
                                             lease_expires_at)
            values ($1, $2, $3, 'outbound', $4, $5, $6, $7::text::jsonb, $8, 'pending', now(), now() + make_interval(secs => $9),
                    gen_random_uuid(), now() + make_interval(secs => $10))
            returning\s""" + CLAIMED_COLUMNS;

    /** Many messages at once, due now and claimed by nobody: the outbox sends them. */
    private static final String INSERT_PENDING_BATCH = """
            insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                        content, variables, recipient_phone, status, next_attempt_at, give_up_at, campaign_id)
            select m.id, m.application_id, m.candidate_id, 'outbound', m.message_type, m.template_id, m.content, m.variables::jsonb,
                   m.phone, 'pending', now(), now() + make_interval(secs => $9), m.campaign_id
              from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $10::uuid[])
                   as m(id, application_id, candidate_id, message_type, template_id, content, variables, phone, campaign_id)
            """;

    /** A cancelled campaign's messages that no sender has started to hand to Meta. */
    private static final String CANCEL_CAMPAIGN = """
            update communications set status = 'failed', error_code = null, error_message = $2, next_attempt_at = null,
                   lease_expires_at = null, claim_token = null, updated_at = now()
             where campaign_id = $1 and status = 'pending' and call_started_at is null
            """;

    private static final String CLAIM_DUE = """
            with due as (
                select communication_id from communications
                 where status = 'pending' and direction = 'outbound' and next_attempt_at <= now()
                   and (lease_expires_at is null or lease_expires_at < now()) and call_started_at is null
                 -- Single sends' retries first: a campaign's backlog never holds them up.
                 order by (campaign_id is not null or message_type = 'reminder'), next_attempt_at
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

    /**
     * Joined by the outcome statements: their transaction commits without waiting for the WAL flush
     * ({@code is_local} lasts until that commit). Safe because the fence before the call is durable:
     * an outcome lost in a database crash leaves the row with its call started, which is then
     * settled like any call whose answer was lost (Meta's status webhook, else another attempt).
     * It saves a disk flush per message.
     */
    private static final String ASYNCHRONOUS_COMMIT = "(select set_config('synchronous_commit', 'off', true)) asynchronous_commit";

    private static final String ACCEPTED = """
            update communications set whatsapp_message_id = coalesce(whatsapp_message_id, $3), status = 'sent',
                   error_code = null, error_message = null, sent_at = coalesce(sent_at, now()), send_attempts = $4,
                   lease_expires_at = null, next_attempt_at = null, call_started_at = null, claim_token = null, updated_at = now()
              from %s
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            returning communication_id, application_id, message_type
            """.formatted(ASYNCHRONOUS_COMMIT);

    private static final String FAILED = """
            update communications set status = 'failed', error_code = $3, error_message = $4, send_attempts = $5,
                   lease_expires_at = null, next_attempt_at = null, call_started_at = null, claim_token = null, updated_at = now()
              from %s
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            """.formatted(ASYNCHRONOUS_COMMIT);

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
              from %s
             where communication_id = $1 and claim_token = $2 and status = 'pending'
            returning status
            """.formatted(ASYNCHRONOUS_COMMIT);

    /** Status rank (array parameter, status), from {@link CommunicationStatus}'s order: a higher one wins, a lower late one never overwrites it. */
    private static final String RANK = "array_position(%s::text[], %s)";

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
            """.formatted(RANK.formatted("$8", "$3::text"), RANK.formatted("$8", "c.status"));

    /**
     * Statuses of many deliveries at once, already merged per message ({@link SaidOfMessage}; $1..$9
     * one array element per message): the rank decides the status, a time column keeps the value it
     * has, a failure sets the error, metadata merges (later keys win). Rows are locked in one order,
     * so two batches never deadlock. A row that would not change is not written (no new row version,
     * no {@code updated_at}). Pending rows are left to {@link #applyStatus}: leaving {@code pending}
     * has effects ({@link Acceptance}); a row past it has no outbox bookkeeping left to clear.
     */
    private static final String APPLY_STATUSES = """
            with said as (
                select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::bool[],
                                     $7::int[], $8::text[], $9::text[])
                       as s(wamid, status, sent_at, delivered_at, read_at, failed, error_code, error_message, metadata)),
            target as (
                select communication_id, whatsapp_message_id, candidate_id, status, sent_at, delivered_at, read_at,
                       error_code, error_message, response_metadata
                  from communications
                 where whatsapp_message_id = any($1::text[]) and direction = 'outbound'
                 order by communication_id
                   for update),
            next as (
                select t.communication_id,
                       case when %s > %s then s.status else t.status end as status,
                       coalesce(t.sent_at, s.sent_at) as sent_at,
                       coalesce(t.delivered_at, s.delivered_at) as delivered_at,
                       coalesce(t.read_at, s.read_at) as read_at,
                       case when s.failed then s.error_code else t.error_code end as error_code,
                       case when s.failed then s.error_message else t.error_message end as error_message,
                       case when s.metadata is null then t.response_metadata
                            else coalesce(t.response_metadata, '{}'::jsonb) || s.metadata::jsonb end as response_metadata
                  from said s join target t on t.whatsapp_message_id = s.wamid
                 where t.status <> 'pending'),
            updated as (
                update communications c set status = n.status, sent_at = n.sent_at, delivered_at = n.delivered_at,
                       read_at = n.read_at, error_code = n.error_code, error_message = n.error_message,
                       response_metadata = n.response_metadata, updated_at = now()
                  from next n
                 where c.communication_id = n.communication_id
                   and (n.status, n.sent_at, n.delivered_at, n.read_at, n.error_code, n.error_message, n.response_metadata)
                       is distinct from (c.status, c.sent_at, c.delivered_at, c.read_at, c.error_code, c.error_message,
                                         c.response_metadata)
                returning c.communication_id)
            select t.whatsapp_message_id, t.candidate_id, t.status = 'pending' as pending, u.communication_id is not null as changed
              from target t left join updated u using (communication_id)
            """.formatted(RANK.formatted("$10", "s.status"), RANK.formatted("$10", "t.status"));

    /** The outbound a reply answers, by the wamid it quotes. */
    private static final String OUTBOUND_BY_WAMID = """
            select communication_id, candidate_id, application_id from communications
             where whatsapp_message_id = $1 and direction = 'outbound'
            """;

    /** The sender's candidate, and the latest outbound to them (the reply's default target). */
    private static final String LATEST_OUTBOUND_TO_PHONE = """
            select cand.id as candidate_id, o.communication_id, o.application_id
              from candidates cand
              left join lateral (select communication_id, application_id, created_at from communications
                                  where candidate_id = cand.id and direction = 'outbound'
                                  order by created_at desc limit 1) o on true
             where cand.phone = $1
             order by o.created_at desc nulls last, cand.created_at desc
             limit 1
            """;

    private static final String MEDIA_SETTLED = """
            update communications
               set media = media || jsonb_strip_nulls(jsonb_build_object('media_status', $2::text, 'size', $3::bigint)),
                   updated_at = now()
             where communication_id = $1 and media is not null
            """;

    private static final String INSERT_INBOUND = """
            insert into communications (communication_id, application_id, candidate_id, channel, direction, message_type,
                                        content, recipient_phone, whatsapp_message_id, status, sent_at, reply_to_id,
                                        interest_status, response_metadata, meta_time, interest_reason, media)
            values ($1, $2, $3, 'whatsapp', 'inbound', 'reply', $4, $5, $6, 'delivered', $7, $8, $9, $10::text::jsonb, $11, $12,
                    $13::text::jsonb)
            on conflict (whatsapp_message_id) do nothing
            returning communication_id
            """;

    /**
     * The answered outbound becomes replied; of several replies the latest one stays: by Meta's
     * time, and a reply Meta timed beats one timed on receipt ($5: whether $3 is Meta's time). A
     * reply to a reminder answers the outreach too: the reminder's initial message becomes replied
     * with it (so the funnel and a campaign's figures count first contacts alone), unless a later
     * reply to either already did.
     */
    private static final String MARK_REPLIED = """
            update communications o set status = 'replied', reply_content = $2, reply_received_at = $3,
                   interest_status = $4, updated_at = now()
             where (o.communication_id = $1
                    or o.communication_id = (select r.initial_id from reminders r where r.communication_id = $1))
               and not exists (select 1 from communications later
                                where later.direction = 'inbound'
                                  and (later.reply_to_id = o.communication_id or later.reply_to_id = $1
                                       or later.reply_to_id = (select r.communication_id from reminders r where r.initial_id = o.communication_id))
                                  and (later.meta_time > $5 or (later.meta_time = $5 and later.sent_at > $3)))
            """;

    /** What the holder learnt when it fenced: the rules that may have changed since the message was accepted. */
    public record Fenced(boolean candidateOptedOut, Instant lastInboundAt) {
    }

    /**
     * A delivery status from Meta.
     *
     * @param callbackId   our id, from {@code biz_opaque_callback_data}: finds the row when its wamid is not stored yet
     * @param metadataJson pricing and conversation, merged into {@code response_metadata}; null for none
     */
    public record StatusUpdate(String wamid, UUID callbackId, CommunicationStatus status, Instant time, Integer errorCode,
            String errorMessage, String metadataJson) {
    }

    /** What a status in a batch did; {@code candidateId} is its message's candidate, when the message was found. */
    public record BatchedStatus(Effect effect, UUID candidateId) {

        public enum Effect {
            /** the message changed */
            CHANGED,
            /** the message already said all of it: nothing was written */
            UNCHANGED,
            /** the message is still pending: left to {@link CommunicationStore#applyStatus}, in a transaction */
            PENDING,
            /** no outbound message has this wamid (one may have the status's callback id: {@link CommunicationStore#applyStatus}) */
            NOT_FOUND
        }
    }

    /** The outbound row a status applied to. */
    public record StatusApplied(UUID communicationId, UUID candidateId, UUID applicationId) {
    }

    /** The outbound message a reply answers, with its candidate and application; {@code outboundId} null when none was sent. */
    public record ReplyTarget(UUID outboundId, UUID candidateId, UUID applicationId) {
    }

    /**
     * A message from a candidate.
     *
     * @param time     Meta's time of it, or the time it was received
     * @param metaTime       whether {@code time} is Meta's
     * @param interestReason what decided {@code interest} (the classifier's words)
     * @param media          the file it carries ({@code pending}), or null
     */
    public record Inbound(String wamid, String from, Instant time, boolean metaTime, String content, InterestStatus interest,
            String interestReason, String metadataJson, InboundMedia media) {
    }

    private final Pool pool;
    private final Acceptance acceptance;

    CommunicationStore(Pool pool, Acceptance acceptance) {
        this.pool = pool;
        this.acceptance = acceptance;
    }

    // --- Outbound: the send, the outbox, the retry ------------------------------------------------

    /** Stores an accepted send as {@code pending}, due now and claimed by the caller, who sends it next. */
    public Uni<PendingMessage> insertPending(SqlClient client, NewOutbound message, Duration lease, Duration giveUpAfter) {
        String variables = variables(message);
        Tuple values = Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(message.applicationId()).addUUID(message.candidateId())
                .addString(WireName.of(message.messageType())).addString(message.templateName()).addString(message.content())
                .addString(variables).addString(message.recipientPhone()).addDouble(seconds(giveUpAfter)).addDouble(seconds(lease));
        return client.preparedQuery(INSERT_PENDING).execute(values).map(rows -> pending(rows.iterator().next()));
    }

    /**
     * Stores many accepted messages (a campaign's, due reminders) as {@code pending}, due now, in
     * one statement on the caller's transaction.
     *
     * @return their ids, in order
     */
    public Uni<List<UUID>> insertPendingBatch(SqlClient client, List<NewOutbound> messages, Duration giveUpAfter) {
        int size = messages.size();
        UUID[] ids = new UUID[size];
        UUID[] applications = new UUID[size];
        UUID[] candidates = new UUID[size];
        String[] types = new String[size];
        String[] templates = new String[size];
        String[] contents = new String[size];
        String[] variables = new String[size];
        String[] phones = new String[size];
        UUID[] campaigns = new UUID[size];
        for (int i = 0; i < size; i++) {
            NewOutbound message = messages.get(i);
            ids[i] = UUID.randomUUID();
            applications[i] = message.applicationId();
            candidates[i] = message.candidateId();
            types[i] = WireName.of(message.messageType());
            templates[i] = message.templateName();
            contents[i] = message.content();
            variables[i] = variables(message);
            phones[i] = message.recipientPhone();
            campaigns[i] = message.campaignId();
        }
        Tuple values = Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(applications).addArrayOfUUID(candidates).addArrayOfString(types)
                .addArrayOfString(templates).addArrayOfString(contents).addArrayOfString(variables).addArrayOfString(phones)
                .addDouble(seconds(giveUpAfter)).addArrayOfUUID(campaigns);
        return client.preparedQuery(INSERT_PENDING_BATCH).execute(values).map(rows -> List.of(ids));
    }

    /**
     * A cancelled campaign's messages still waiting for the outbox become {@code failed} with
     * {@code reason}; one whose call to Meta has started is left to its outcome.
     *
     * @return how many were cancelled
     */
    public Uni<Integer> cancelCampaign(SqlClient client, UUID campaignId, String reason) {
        return client.preparedQuery(CANCEL_CAMPAIGN).execute(Tuple.of(campaignId, reason)).map(RowSet::rowCount);
    }

    public Uni<List<PendingMessage>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(limit, seconds(lease))).map(CommunicationStore::pending);
    }

    /**
     * Rows that lost their sender mid-call wait for Meta's status webhook until {@code delay} after
     * their call started.
     *
     * @return how many there were
     */
    public Uni<Integer> rescheduleOrphanedCalls(Duration delay, String reason) {
        return pool.preparedQuery(RESCHEDULE_ORPHANED_CALLS).execute(Tuple.of(seconds(delay), reason)).map(RowSet::rowCount);
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
    public Uni<Optional<Fenced>> fence(PendingMessage message, Duration hold) {
        return pool.preparedQuery(FENCE).execute(Tuple.of(message.communicationId(), message.claimToken(), seconds(hold)))
                .map(rows -> Rows.first(rows).map(row -> new Fenced(row.getBoolean("opted_out"), Rows.instant(row.getOffsetDateTime("last_inbound_at")))));
    }

    /** Meta accepted it: {@code sent}, with {@link Acceptance}'s effects in the same transaction. @return false when not the holder */
    public Uni<Boolean> accepted(PendingMessage message, String wamid, int attempts) {
        Tuple values = Tuple.of(message.communicationId(), message.claimToken(), wamid, attempts);
        if (!Acceptance.hasEffects(message.messageType(), message.applicationId())) {
            return pool.preparedQuery(ACCEPTED).execute(values).map(rows -> rows.rowCount() == 1);
        }
        return pool.withTransaction(connection -> connection.preparedQuery(ACCEPTED)
                .execute(values)
                .flatMap(rows -> Rows.first(rows)
                        .map(row -> acceptance.apply(connection, new Acceptance.Accepted(row.getUUID("communication_id"),
                                row.getUUID("application_id"), WireName.parse(MessageType.class, row.getString("message_type"))))
                                .replaceWith(true))
                        .orElseGet(() -> Uni.createFrom().item(false))));
    }

    /** @return false when not the holder */
    public Uni<Boolean> failed(PendingMessage message, Integer errorCode, String errorMessage, int attempts) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.tuple().addUUID(message.communicationId()).addUUID(message.claimToken()).addInteger(errorCode)
                        .addString(errorMessage).addInteger(attempts))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * @param reachedMeta whether this attempt got to Meta (else Meta's earlier error is kept)
     * @return the status it has now: {@code pending}, or {@code failed} when its time was up; empty when not the holder
     */
    public Uni<Optional<CommunicationStatus>> deferred(PendingMessage message, Integer errorCode, String errorMessage, boolean reachedMeta,
            int attempts, Duration delay) {
        return pool.preparedQuery(DEFERRED)
                .execute(Tuple.tuple().addUUID(message.communicationId()).addUUID(message.claimToken()).addInteger(errorCode)
                        .addString(errorMessage).addBoolean(reachedMeta).addInteger(attempts).addDouble(seconds(delay)))
                .map(rows -> Rows.first(rows).map(row -> WireName.parse(CommunicationStatus.class, row.getString("status"))));
    }

    // --- Meta's webhook: statuses and replies, inside the delivery's transaction -------------------

    /**
     * Applies statuses in one statement (one round trip; one commit when {@code client} is the pool),
     * by wamid only (their callback ids are not looked at).
     *
     * @return one result per status, in order
     */
    public Uni<List<BatchedStatus>> applyStatuses(SqlClient client, List<StatusUpdate> statuses) {
        Map<String, SaidOfMessage> messages = new LinkedHashMap<>();
        statuses.forEach(status -> messages.computeIfAbsent(status.wamid(), wamid -> new SaidOfMessage()).add(status));
        int size = messages.size();
        String[] wamids = messages.keySet().toArray(String[]::new);
        String[] names = new String[size];
        OffsetDateTime[][] times = new OffsetDateTime[3][size];
        Boolean[] failed = new Boolean[size];
        Integer[] errorCodes = new Integer[size];
        String[] errorMessages = new String[size];
        String[] metadata = new String[size];
        int i = 0;
        for (SaidOfMessage said : messages.values()) {
            names[i] = WireName.of(said.status);
            times[0][i] = said.sentAt;
            times[1][i] = said.deliveredAt;
            times[2][i] = said.readAt;
            failed[i] = said.failed;
            errorCodes[i] = said.errorCode;
            errorMessages[i] = said.errorMessage;
            metadata[i] = said.metadata;
            i++;
        }
        Tuple values = Tuple.tuple().addArrayOfString(wamids).addArrayOfString(names).addArrayOfOffsetDateTime(times[0])
                .addArrayOfOffsetDateTime(times[1]).addArrayOfOffsetDateTime(times[2]).addArrayOfBoolean(failed)
                .addArrayOfInteger(errorCodes).addArrayOfString(errorMessages).addArrayOfString(metadata)
                .addArrayOfString(CommunicationStatus.inRankOrder());
        return client.preparedQuery(APPLY_STATUSES).execute(values).map(rows -> {
            Map<String, BatchedStatus> found = new HashMap<>();
            rows.forEach(row -> found.put(row.getString("whatsapp_message_id"), batched(row)));
            return statuses.stream()
                    .map(status -> found.getOrDefault(status.wamid(), new BatchedStatus(BatchedStatus.Effect.NOT_FOUND, null)))
                    .toList();
        });
    }

    /**
     * What a batch's statuses say of one message, merged as if applied one after the other: the
     * highest rank, each status's first time, the last failure's error, metadata merged in order.
     */
    private static final class SaidOfMessage {
        CommunicationStatus status;
        OffsetDateTime sentAt;
        OffsetDateTime deliveredAt;
        OffsetDateTime readAt;
        boolean failed;
        Integer errorCode;
        String errorMessage;
        String metadata;

        void add(StatusUpdate update) {
            if (status == null || update.status().compareTo(status) > 0) {
                status = update.status();
            }
            OffsetDateTime time = Rows.utc(update.time());
            switch (update.status()) {
                case SENT -> sentAt = sentAt == null ? time : sentAt;
                case DELIVERED -> deliveredAt = deliveredAt == null ? time : deliveredAt;
                case READ -> readAt = readAt == null ? time : readAt;
                case FAILED -> {
                    failed = true;
                    errorCode = update.errorCode();
                    errorMessage = update.errorMessage();
                }
                default -> {
                }
            }
            if (update.metadataJson() != null) {
                metadata = metadata == null ? update.metadataJson()
                        : new JsonObject(metadata).mergeIn(new JsonObject(update.metadataJson())).encode();
            }
        }
    }

    private static BatchedStatus batched(Row row) {
        BatchedStatus.Effect effect;
        if (row.getBoolean("pending")) {
            effect = BatchedStatus.Effect.PENDING;
        } else {
            effect = row.getBoolean("changed") ? BatchedStatus.Effect.CHANGED : BatchedStatus.Effect.UNCHANGED;
        }
        return new BatchedStatus(effect, row.getUUID("candidate_id"));
    }

    /** @return the updated message; empty when no outbound message has this wamid or callback id */
    public Uni<Optional<StatusApplied>> applyStatus(SqlClient client, StatusUpdate status) {
        Tuple values = Tuple.tuple().addString(status.wamid()).addUUID(status.callbackId()).addString(WireName.of(status.status()))
                .addOffsetDateTime(Rows.utc(status.time())).addInteger(status.errorCode()).addString(status.errorMessage())
                .addString(status.metadataJson()).addArrayOfString(CommunicationStatus.inRankOrder());
        return client.preparedQuery(APPLY_STATUS).execute(values).flatMap(rows -> {
            Optional<Row> found = Rows.first(rows);
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<StatusApplied>empty());
            }
            Row row = found.get();
            StatusApplied applied = new StatusApplied(row.getUUID("communication_id"), row.getUUID("candidate_id"), row.getUUID("application_id"));
            Uni<Void> effects = row.getBoolean("accepted")
                    ? acceptance.apply(client, new Acceptance.Accepted(applied.communicationId(), applied.applicationId(),
                            WireName.parse(MessageType.class, row.getString("message_type"))))
                    : Uni.createFrom().voidItem();
            return effects.replaceWith(Optional.of(applied));
        });
    }

    public Uni<Optional<ReplyTarget>> outboundByWamid(SqlClient client, String wamid) {
        return client.preparedQuery(OUTBOUND_BY_WAMID).execute(Tuple.of(wamid)).map(rows -> Rows.first(rows).map(CommunicationStore::target));
    }

    /** The candidate with this number and the latest outbound message to them, if any. */
    public Uni<Optional<ReplyTarget>> latestOutboundToPhone(SqlClient client, String phone) {
        return client.preparedQuery(LATEST_OUTBOUND_TO_PHONE).execute(Tuple.of(phone)).map(rows -> Rows.first(rows).map(CommunicationStore::target));
    }

    /**
     * @param target what it answers; null when the sender is no candidate of ours
     * @return the new record's id; empty when this wamid was stored before (a redelivery)
     */
    public Uni<Optional<UUID>> insertInbound(SqlClient client, Inbound inbound, ReplyTarget target) {
        Tuple values = Tuple.tuple().addUUID(UUID.randomUUID())
                .addUUID(target == null ? null : target.applicationId())
                .addUUID(target == null ? null : target.candidateId())
                .addString(inbound.content()).addString(inbound.from()).addString(inbound.wamid())
                .addOffsetDateTime(Rows.utc(inbound.time()))
                .addUUID(target == null ? null : target.outboundId())
                .addString(WireName.of(inbound.interest()))
                .addString(inbound.metadataJson())
                .addBoolean(inbound.metaTime())
                .addString(inbound.interestReason() == null || inbound.interestReason().length() <= 300 ? inbound.interestReason()
                        : inbound.interestReason().substring(0, 300))
                .addString(inbound.media() == null ? null : inbound.media().toJson());
        return client.preparedQuery(INSERT_INBOUND).execute(values).map(rows -> Rows.first(rows).map(row -> row.getUUID("communication_id")));
    }

    /**
     * What became of an inbound message's file: its {@code media_status} and, when known, its size.
     * Part of the caller's transaction, with the download's own bookkeeping.
     */
    public Uni<Void> mediaSettled(SqlClient client, UUID communicationId, String mediaStatus, Long size) {
        return client.preparedQuery(MEDIA_SETTLED).execute(Tuple.of(communicationId, mediaStatus, size)).replaceWithVoid();
    }

    /**
     * The outbound message a reply answers becomes {@code replied} with it, and so does the initial
     * message of a reminder, unless a later reply already did.
     */
    public Uni<Void> markReplied(SqlClient client, UUID outboundId, Inbound reply) {
        return client.preparedQuery(MARK_REPLIED)
                .execute(Tuple.tuple().addUUID(outboundId).addString(reply.content()).addOffsetDateTime(Rows.utc(reply.time()))
                        .addString(WireName.of(reply.interest())).addBoolean(reply.metaTime()))
                .replaceWithVoid();
    }

    private static ReplyTarget target(Row row) {
        return new ReplyTarget(row.getUUID("communication_id"), row.getUUID("candidate_id"), row.getUUID("application_id"));
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
                WireName.parse(MessageType.class, row.getString("message_type")), row.getString("recipient_phone"),
                row.getString("template_id"), language, parameters, row.getString("content"), row.getInteger("send_attempts"),
                row.getUUID("claim_token"), row.getBoolean("bulk"));
    }

    /** The {@code variables} column: the template's language and body parameters; null for free text. */
    private static String variables(NewOutbound message) {
        return message.templateName() == null ? null
                : new JsonObject().put("language", message.language()).put("body", new JsonArray(message.parameters())).encode();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
