package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.candidate.CandidateService;
import com.atsplatform.communications.persistence.Rows;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reading communications: the filtered list, one by id, and a candidate's summary. */
@ApplicationScoped
public class CommunicationService {

    /** Counts, last contact and reply, response rate and the latest interest of one candidate. */
    private static final String SUMMARY = """
            select count(*) as total,
                   count(*) filter (where direction = 'outbound') as outbound,
                   count(*) filter (where direction = 'inbound') as inbound,
                   count(*) filter (where direction = 'outbound' and status = 'replied') as replied,
                   count(*) filter (where status = 'pending') as pending,
                   count(*) filter (where status = 'sent') as sent,
                   count(*) filter (where status = 'delivered') as delivered,
                   count(*) filter (where status = 'read') as read,
                   count(*) filter (where status = 'failed') as failed,
                   count(*) filter (where status = 'replied') as replied_status,
                   max(sent_at) filter (where direction = 'outbound') as last_contact_at,
                   max(sent_at) filter (where direction = 'inbound') as last_reply_at,
                   (select i.interest_status from communications i
                     where i.candidate_id = $1 and i.direction = 'inbound' and i.interest_status is not null
                     order by (i.interest_status = 'unknown'), i.sent_at desc nulls last limit 1) as interest_status
              from communications
             where candidate_id = $1
            """;

    @RegisterForReflection
    public record Summary(UUID candidateId, long total, long outbound, long inbound, Map<String, Long> byStatus,
            Instant lastContactAt, Instant lastReplyAt, double responseRate, InterestStatus interestStatus) {
    }

    private final CommunicationRepository communications;
    private final CandidateService candidates;
    private final Pool pool;

    CommunicationService(CommunicationRepository communications, CandidateService candidates, Pool pool) {
        this.communications = communications;
        this.candidates = candidates;
        this.pool = pool;
    }

    public Uni<Page<Communication>> list(CommunicationRepository.Filters filters, int page, int size) {
        return communications.search(filters, page, size);
    }

    public Uni<Communication> get(UUID id) {
        return communications.findById(id).onItem().ifNull().failWith(() -> new CommunicationNotFound(id));
    }

    /** @throws com.atsplatform.communications.candidate.CandidateNotFound as a failure for an unknown candidate */
    public Uni<Page<Communication>> conversation(UUID candidateId, int page, int size) {
        return candidates.get(candidateId).flatMap(candidate -> communications.conversation(candidateId, page, size));
    }

    /** @throws com.atsplatform.communications.candidate.CandidateNotFound as a failure for an unknown candidate */
    public Uni<Summary> summary(UUID candidateId) {
        return candidates.get(candidateId).flatMap(candidate -> pool.preparedQuery(SUMMARY).execute(Tuple.of(candidateId)))
                .map(rows -> summary(candidateId, rows.iterator().next()));
    }

    private static Summary summary(UUID candidateId, Row row) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (CommunicationStatus status : CommunicationStatus.values()) {
            String name = WireName.of(status);
            byStatus.put(name, row.getLong(status == CommunicationStatus.REPLIED ? "replied_status" : name));
        }
        long outbound = row.getLong("outbound");
        double responseRate = outbound == 0 ? 0.0 : Math.round(10_000.0 * row.getLong("replied") / outbound) / 10_000.0;
        String interest = row.getString("interest_status");
        return new Summary(candidateId, row.getLong("total"), outbound, row.getLong("inbound"), byStatus,
                Rows.instant(row.getOffsetDateTime("last_contact_at")), Rows.instant(row.getOffsetDateTime("last_reply_at")), responseRate,
                interest == null ? null : InterestStatus.valueOf(interest.toUpperCase(Locale.ROOT)));
    }

}
