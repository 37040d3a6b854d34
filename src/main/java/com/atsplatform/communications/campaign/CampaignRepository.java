package com.atsplatform.communications.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Pages;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of campaigns: their figures from the records, their recipients, and who a new one would reach. */
@ApplicationScoped
public class CampaignRepository {

    /**
     * Per campaign, each recipient counted once per stage its initial message reached (status rank);
     * a reply to the reminder marks the initial replied too.
     */
    private static final String FIGURES = """
            select c.id, c.name, c.template_name, c.language, c.status, c.total, c.created_at, c.completed_at,
                   count(*) filter (where r.skip_reason is not null) as skipped,
                   count(*) filter (where m.status = 'pending') as pending,
                   count(*) filter (where m.status in ('sent', 'delivered', 'read', 'replied')) as sent,
                   count(*) filter (where m.status in ('delivered', 'read', 'replied')) as delivered,
                   count(*) filter (where m.status in ('read', 'replied')) as read,
                   count(*) filter (where m.status = 'replied') as replied,
                   count(*) filter (where m.status = 'failed') as failed,
                   count(*) filter (where m.interest_status = 'interested') as interested,
                   count(*) filter (where m.interest_status = 'not_interested') as not_interested,
                   count(*) filter (where m.interest_status = 'question') as question
              from campaigns c
              left join campaign_recipients r on r.campaign_id = c.id
              left join communications m on m.communication_id = r.communication_id
             where c.id = any($1)
             group by c.id
            """;

    /** The recipients with their message's status and the interest of the latest reply. */
    private static final String RECIPIENTS = """
            (select r.campaign_id, r.position, r.application_id, r.candidate_id, r.communication_id, r.skip_reason,
                    coalesce(m.status, 'skipped') as status, m.interest_status
               from campaign_recipients r
               left join communications m on m.communication_id = r.communication_id) recipients""";

    /** What a campaign needs of each application it is asked to reach. */
    private static final String AUDIENCE = """
            select a.id as application_id, a.candidate_id, a.position, c.full_name, c.phone, c.whatsapp_opt_out
              from applications a join candidates c on c.id = a.candidate_id
             where a.id = any($1)
            """;

    /** An application a new campaign would reach, with its candidate. */
    record Audience(UUID applicationId, UUID candidateId, String position, String fullName, String phone, boolean optedOut) {
    }

    private final Pool pool;

    CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return null when there is none */
    public Uni<Campaign> find(UUID id) {
        return figures(List.of(id)).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Newest first. */
    public Uni<Page<Campaign>> list(int page, int size) {
        return Pages.of(pool, "campaigns", new Filter(), "created_at desc, id", page, size, row -> row.getUUID("id"))
                .flatMap(ids -> figures(ids.items()).map(found -> {
                    found.sort(Comparator.comparing(campaign -> ids.items().indexOf(campaign.campaignId())));
                    return new Page<>(found, ids.total(), ids.page(), ids.size());
                }));
    }

    /** In the order the campaign was given them; {@code status} one of a message's statuses or {@code skipped}, null for all. */
    public Uni<Page<Recipient>> recipients(UUID campaignId, String status, int page, int size) {
        Filter filter = new Filter().equal("campaign_id", campaignId).equal("status", status);
        return Pages.of(pool, RECIPIENTS, filter, "position", page, size, Recipient::from);
    }

    Uni<List<Audience>> audience(List<UUID> applicationIds) {
        return pool.preparedQuery(AUDIENCE).execute(Tuple.of(applicationIds.toArray(UUID[]::new))).map(rows -> {
            List<Audience> audience = new ArrayList<>();
            for (Row row : rows) {
                audience.add(new Audience(row.getUUID("application_id"), row.getUUID("candidate_id"), row.getString("position"),
                        row.getString("full_name"), row.getString("phone"), row.getBoolean("whatsapp_opt_out")));
            }
            return audience;
        });
    }

    private Uni<List<Campaign>> figures(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new ArrayList<>());
        }
        return pool.preparedQuery(FIGURES).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            List<Campaign> campaigns = new ArrayList<>();
            rows.forEach(row -> campaigns.add(Campaign.from(row)));
            return campaigns;
        });
    }
}
