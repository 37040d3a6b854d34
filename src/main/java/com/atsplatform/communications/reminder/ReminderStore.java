package com.atsplatform.communications.reminder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write to the {@code reminders} table. A reminder is {@code scheduled} until it comes due;
 * then, in one transaction that holds its row ({@code FOR UPDATE SKIP LOCKED}, so several replicas
 * never take the same one), it becomes {@code sent} with the id of the message made for it, or
 * {@code cancelled} with the reason it is no longer wanted. A reply or an opt-out cancels the
 * candidate's scheduled reminders at once.
 */
@ApplicationScoped
public class ReminderStore {

    /** Why a reminder was not sent. */
    public static final String REPLIED = "replied";
    public static final String OPTED_OUT = "opted_out";
    public static final String APPLICATION_MOVED = "application_moved";
    public static final String INITIAL_FAILED = "initial_failed";
    public static final String CAMPAIGN_CANCELLED = "campaign_cancelled";

    private static final String SCHEDULE = """
            insert into reminders (id, initial_id, campaign_id, application_id, candidate_id, template_name, language, parameters,
                                   content, due_at)
            select gen_random_uuid(), r.initial_id, r.campaign_id, r.application_id, r.candidate_id, r.template_name, r.language,
                   r.parameters::jsonb, r.content, now() + make_interval(secs => r.after_seconds)
              from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[])
                   as r(initial_id, campaign_id, application_id, candidate_id, template_name, language, parameters, content, after_seconds)
            """;

    /**
     * Due reminders, held for this transaction, with what decides them: a reason to cancel (the
     * candidate answered after the initial was accepted, opted out, the application moved past
     * {@code interested}, the initial failed), or none. An initial still pending is not decided yet.
     */
    private static final String TAKE_DUE = """
            with due as (
                select id from reminders
                 where status = 'scheduled' and due_at <= now()
                 order by due_at
                 limit $1
                   for update skip locked)
            select r.id, r.campaign_id, r.application_id, r.candidate_id, r.template_name, r.language, r.parameters, r.content,
                   i.recipient_phone, i.status = 'pending' as initial_pending,
                   case when exists (select 1 from communications answer
                                      where answer.candidate_id = r.candidate_id and answer.direction = 'inbound'
                                        and answer.created_at > i.created_at) then 'replied'
                        when cand.whatsapp_opt_out then 'opted_out'
                        when app.status not in ('new', 'contacted', 'interested') then 'application_moved'
                        when i.status = 'failed' then 'initial_failed'
                   end as cancel_reason
              from due
              join reminders r using (id)
              join communications i on i.communication_id = r.initial_id
              join candidates cand on cand.id = r.candidate_id
              join applications app on app.id = r.application_id
            """;

    private static final String SETTLE = """
            update reminders r set status = case when s.communication_id is null then 'cancelled' else 'sent' end,
                   communication_id = s.communication_id, cancel_reason = s.cancel_reason, updated_at = now()
              from unnest($1::uuid[], $2::uuid[], $3::text[]) as s(id, communication_id, cancel_reason)
             where r.id = s.id and r.status = 'scheduled'
            """;

    private static final String CANCEL_FOR_CANDIDATE = """
            update reminders set status = 'cancelled', cancel_reason = $2, updated_at = now()
             where candidate_id = $1 and status = 'scheduled'
            """;

    private static final String CANCEL_FOR_CAMPAIGN = """
            update reminders set status = 'cancelled', cancel_reason = $2, updated_at = now()
             where campaign_id = $1 and status = 'scheduled'
            """;

    /** A due reminder as {@link #takeDue} found it. */
    public record Due(UUID id, UUID campaignId, UUID applicationId, UUID candidateId, String templateName, String language,
            List<String> parameters, String content, String recipientPhone, boolean initialPending, String cancelReason) {
    }

    public Uni<Void> schedule(SqlClient client, List<NewReminder> reminders) {
        if (reminders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = reminders.size();
        UUID[] initials = new UUID[size];
        UUID[] campaigns = new UUID[size];
        UUID[] applications = new UUID[size];
        UUID[] candidates = new UUID[size];
        String[] templates = new String[size];
        String[] languages = new String[size];
        String[] parameters = new String[size];
        String[] contents = new String[size];
        Double[] after = new Double[size];
        for (int i = 0; i < size; i++) {
            NewReminder reminder = reminders.get(i);
            initials[i] = reminder.initialId();
            campaigns[i] = reminder.campaignId();
            applications[i] = reminder.applicationId();
            candidates[i] = reminder.candidateId();
            templates[i] = reminder.templateName();
            languages[i] = reminder.language();
            parameters[i] = new JsonArray(reminder.parameters()).encode();
            contents[i] = reminder.content();
            after[i] = reminder.after().toMillis() / 1000.0;
        }
        Tuple values = Tuple.tuple().addArrayOfUUID(initials).addArrayOfUUID(campaigns).addArrayOfUUID(applications)
                .addArrayOfUUID(candidates).addArrayOfString(templates).addArrayOfString(languages).addArrayOfString(parameters)
                .addArrayOfString(contents).addArrayOfDouble(after);
        return client.preparedQuery(SCHEDULE).execute(values).replaceWithVoid();
    }

    /** Holds up to {@code limit} due reminders until the caller's transaction ends. */
    public Uni<List<Due>> takeDue(SqlClient client, int limit) {
        return client.preparedQuery(TAKE_DUE).execute(Tuple.of(limit)).map(ReminderStore::due);
    }

    /**
     * Records what became of due reminders: sent with the message made for it, or cancelled.
     *
     * @param messages the message made for each one; null where it is cancelled
     * @param reasons  why each one is cancelled; null where it is sent
     */
    public Uni<Void> settle(SqlClient client, List<UUID> ids, List<UUID> messages, List<String> reasons) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(SETTLE)
                .execute(Tuple.of(ids.toArray(UUID[]::new), messages.toArray(UUID[]::new), reasons.toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<Integer> cancelForCandidate(SqlClient client, UUID candidateId, String reason) {
        return client.preparedQuery(CANCEL_FOR_CANDIDATE).execute(Tuple.of(candidateId, reason)).map(RowSet::rowCount);
    }

    public Uni<Integer> cancelForCampaign(SqlClient client, UUID campaignId, String reason) {
        return client.preparedQuery(CANCEL_FOR_CAMPAIGN).execute(Tuple.of(campaignId, reason)).map(RowSet::rowCount);
    }

    private static List<Due> due(RowSet<Row> rows) {
        List<Due> due = new ArrayList<>();
        for (Row row : rows) {
            List<String> parameters = new ArrayList<>();
            row.getJsonArray("parameters").forEach(value -> parameters.add(String.valueOf(value)));
            due.add(new Due(row.getUUID("id"), row.getUUID("campaign_id"), row.getUUID("application_id"), row.getUUID("candidate_id"),
                    row.getString("template_name"), row.getString("language"), parameters, row.getString("content"),
                    row.getString("recipient_phone"), row.getBoolean("initial_pending"), row.getString("cancel_reason")));
        }
        return due;
    }
}
