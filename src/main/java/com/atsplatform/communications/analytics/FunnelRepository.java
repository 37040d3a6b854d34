package com.atsplatform.communications.analytics;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * The funnel in two SQL statements run side by side, each over an index alone: the first contacts
 * counted by (status, interest) ({@code communications_funnel_status_idx} when nothing filters
 * them, else {@code communications_funnel_idx}, which covers every filter), and the median time to
 * reply over the replied ones only ({@code communications_funnel_replied_idx}). A reply to a
 * reminder is on its initial message too, so no join is needed; stages are summed here from the
 * counts (a message that was read was delivered and sent).
 */
@ApplicationScoped
public class FunnelRepository {

    private static final String FIRST_CONTACTS = "m.direction = 'outbound' and m.message_type = 'initial'";

    private static final String COUNTS = """
            select m.status, m.interest_status, count(*) as n
              from communications m
             where %s and %s
             group by m.status, m.interest_status
            """;

    private static final String MEDIAN = """
            select percentile_cont(0.5) within group (order by extract(epoch from m.reply_received_at - m.sent_at)) as median_seconds
              from communications m
             where %s and m.status = 'replied' and m.sent_at is not null and %s
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
        Uni<RowSet<Row>> counts = pool.preparedQuery(COUNTS.formatted(FIRST_CONTACTS, filter.where())).execute(filter.values());
        Uni<Double> median = pool.preparedQuery(MEDIAN.formatted(FIRST_CONTACTS, filter.where())).execute(filter.values())
                .map(rows -> rows.iterator().next().getDouble("median_seconds"));
        return Uni.combine().all().unis(counts, median).with(FunnelRepository::funnel);
    }

    private static Funnel funnel(RowSet<Row> counts, Double median) {
        Map<String, Long> byStatus = new HashMap<>();
        Map<String, Long> byInterest = new HashMap<>();
        for (Row row : counts) {
            long n = row.getLong("n");
            byStatus.merge(row.getString("status"), n, Long::sum);
            if (row.getString("interest_status") != null) {
                byInterest.merge(row.getString("interest_status"), n, Long::sum);
            }
        }
        long replied = byStatus.getOrDefault("replied", 0L);
        long read = replied + byStatus.getOrDefault("read", 0L);
        long delivered = read + byStatus.getOrDefault("delivered", 0L);
        long sent = delivered + byStatus.getOrDefault("sent", 0L);
        return new Funnel(sent, delivered, read, replied, byInterest.getOrDefault("interested", 0L),
                byInterest.getOrDefault("not_interested", 0L), byInterest.getOrDefault("question", 0L),
                sent == 0 ? 0 : (double) replied / sent, median);
    }
}
