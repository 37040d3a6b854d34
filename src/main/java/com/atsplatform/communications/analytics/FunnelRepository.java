package com.atsplatform.communications.analytics;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The funnel, one SQL aggregate over the first contacts. It reads only the partial covering index
 * {@code communications_funnel_idx} (initial outbound messages by creation time, with every column
 * it counts): a reply to a reminder is on its initial message too, so no join is needed.
 */
@ApplicationScoped
public class FunnelRepository {

    private static final String FUNNEL = """
            select count(*) filter (where m.status in ('sent', 'delivered', 'read', 'replied')) as sent,
                   count(*) filter (where m.status in ('delivered', 'read', 'replied')) as delivered,
                   count(*) filter (where m.status in ('read', 'replied')) as read,
                   count(*) filter (where m.status = 'replied') as replied,
                   count(*) filter (where m.interest_status = 'interested') as interested,
                   count(*) filter (where m.interest_status = 'not_interested') as not_interested,
                   count(*) filter (where m.interest_status = 'question') as question,
                   percentile_cont(0.5) within group (order by extract(epoch from m.reply_received_at - m.sent_at))
                       filter (where m.status = 'replied' and m.sent_at is not null) as median_seconds
              from communications m
             where m.direction = 'outbound' and m.message_type = 'initial' and %s
            """;

    /** The funnel's filters; each null when not given. */
    public record Filters(String position, String templateName, UUID campaignId, Instant since, Instant until) {
    }

    private final Pool pool;

    FunnelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Funnel> funnel(Filters filters) {
        Filter filter = new Filter()
                .when("m.created_at >= ?", Rows.utc(filters.since()))
                .when("m.created_at < ?", Rows.utc(filters.until()))
                .equal("m.template_id", filters.templateName())
                .equal("m.campaign_id", filters.campaignId())
                .when("m.application_id in (select id from applications where position = ?)", filters.position());
        return pool.preparedQuery(FUNNEL.formatted(filter.where())).execute(filter.values()).map(rows -> funnel(rows.iterator().next()));
    }

    private static Funnel funnel(Row row) {
        long sent = row.getLong("sent");
        long replied = row.getLong("replied");
        return new Funnel(sent, row.getLong("delivered"), row.getLong("read"), replied, row.getLong("interested"),
                row.getLong("not_interested"), row.getLong("question"), sent == 0 ? 0 : (double) replied / sent,
                row.getDouble("median_seconds"));
    }
}
