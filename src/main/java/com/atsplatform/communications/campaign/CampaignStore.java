package com.atsplatform.communications.campaign;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write to {@code campaigns} and {@code campaign_recipients}. A campaign is created with all
 * its recipients in the caller's transaction; it is {@code running} until nothing of it is left to
 * send ({@link #completeFinished}) or it is cancelled.
 */
@ApplicationScoped
public class CampaignStore {

    private static final String INSERT = """
            insert into campaigns (id, name, template_name, language, template_variables, reminder, total, created_by)
            values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8)
            """;

    private static final String INSERT_RECIPIENTS = """
            insert into campaign_recipients (campaign_id, application_id, candidate_id, communication_id, skip_reason, position)
            select $1, r.application_id, r.candidate_id, r.communication_id, r.skip_reason, r.position
              from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) with ordinality as r(application_id, candidate_id,
                                                                                              communication_id, skip_reason, position)
            """;

    /** Nothing of it left to send: no pending message and no scheduled reminder. */
    private static final String UNFINISHED = """
            (exists (select 1 from communications m where m.campaign_id = c.id and m.status = 'pending')
             or exists (select 1 from reminders r where r.campaign_id = c.id and r.status = 'scheduled'))""";

    private static final String COMPLETE_FINISHED = """
            update campaigns c set status = 'completed', completed_at = now()
             where c.status = 'running' and not %s
            """.formatted(UNFINISHED);

    /** Locks the campaign and says whether anything of it is left to send. */
    private static final String LOCK = """
            select c.status, %s as unfinished from campaigns c where c.id = $1 for update
            """.formatted(UNFINISHED);

    private static final String SET_STATUS = """
            update campaigns set status = $2, completed_at = now() where id = $1 and status = 'running'
            """;

    /** A campaign as created, before any recipient's message. */
    record NewCampaign(UUID id, String name, String templateName, String language, List<String> templateVariables, String reminderJson,
            int total, String createdBy) {
    }

    /** A campaign's status when it was locked, and whether anything of it is left to send. */
    record Locked(CampaignStatus status, boolean unfinished) {
    }

    private final Pool pool;

    CampaignStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> insert(SqlClient client, NewCampaign campaign) {
        Tuple values = Tuple.tuple().addUUID(campaign.id()).addString(campaign.name()).addString(campaign.templateName())
                .addString(campaign.language()).addString(new JsonArray(campaign.templateVariables()).encode())
                .addString(campaign.reminderJson()).addInteger(campaign.total()).addString(campaign.createdBy());
        return client.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    /**
     * @param messages each recipient's message; null where it was skipped
     * @param skipReasons why each was skipped; null where it got a message
     */
    Uni<Void> insertRecipients(SqlClient client, UUID campaignId, List<UUID> applications, List<UUID> candidates, List<UUID> messages,
            List<String> skipReasons) {
        Tuple values = Tuple.of(campaignId, applications.toArray(UUID[]::new), candidates.toArray(UUID[]::new),
                messages.toArray(UUID[]::new), skipReasons.toArray(String[]::new));
        return client.preparedQuery(INSERT_RECIPIENTS).execute(values).replaceWithVoid();
    }

    /** @return empty when there is no such campaign */
    Uni<Optional<Locked>> lock(SqlClient client, UUID campaignId) {
        return client.preparedQuery(LOCK).execute(Tuple.of(campaignId)).map(rows -> Rows.first(rows)
                .map(row -> new Locked(WireName.parse(CampaignStatus.class, row.getString("status")), row.getBoolean("unfinished"))));
    }

    /** A running campaign becomes {@code cancelled} or {@code completed}. */
    Uni<Void> end(SqlClient client, UUID campaignId, CampaignStatus status) {
        return client.preparedQuery(SET_STATUS).execute(Tuple.of(campaignId, WireName.of(status))).replaceWithVoid();
    }

    /** @return how many running campaigns had nothing left to send and are now {@code completed} */
    public Uni<Integer> completeFinished() {
        return pool.query(COMPLETE_FINISHED).execute().map(RowSet::rowCount);
    }

    static String reminderJson(String after, String templateName, String language, List<String> templateVariables) {
        return new JsonObject().put("after", after).put("template_name", templateName).put("language", language)
                .put("template_variables", new JsonArray(templateVariables)).encode();
    }
}
