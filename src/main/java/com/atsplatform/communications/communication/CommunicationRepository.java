package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Pages;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of {@code communications} (the writes are {@link CommunicationStore}'s). */
@ApplicationScoped
public class CommunicationRepository {

    private static final String BY_ID = "select * from communications where communication_id = $1";

    private static final String LAST_INBOUND_AT = """
            select max(sent_at) as sent_at from communications where candidate_id = $1 and direction = 'inbound'
            """;

    /** Outbound messages waiting to be sent, and the oldest due one's due time (null when none is due). */
    private static final String OUTBOX_BACKLOG = """
            select count(*) as pending, min(next_attempt_at) filter (where next_attempt_at <= now()) as oldest_due
              from communications where status = 'pending' and direction = 'outbound'
            """;

    /** The outbox at one moment: how many messages wait, and since when the oldest due one is due. */
    public record OutboxBacklog(long pending, Instant oldestDueAt) {
    }

    /** The list filters of {@code GET /api/v1/communications}; null fields are not applied. */
    public record Filters(UUID applicationId, UUID candidateId, Channel channel, Direction direction, CommunicationStatus status,
            MessageType messageType, Instant since, Instant until) {
    }

    private final Pool pool;

    CommunicationRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return null when there is none */
    public Uni<Communication> findById(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(Communication::from).orElse(null));
    }

    /** Communications matching the filters, newest first ({@code until} exclusive). */
    public Uni<Page<Communication>> search(Filters filters, int page, int size) {
        Filter filter = new Filter().equal("application_id", filters.applicationId()).equal("candidate_id", filters.candidateId())
                .equal("channel", filters.channel()).equal("direction", filters.direction()).equal("status", filters.status())
                .equal("message_type", filters.messageType())
                .when("created_at >= ?", Rows.utc(filters.since())).when("created_at < ?", Rows.utc(filters.until()));
        return Pages.of(pool, "communications", filter, "created_at desc, communication_id", page, size, Communication::from);
    }

    /** A candidate's thread: every message to and from them, oldest first. */
    public Uni<Page<Communication>> conversation(UUID candidateId, int page, int size) {
        return Pages.of(pool, "communications", new Filter().equal("candidate_id", candidateId), "created_at, communication_id", page, size,
                Communication::from);
    }

    /** @return null when no inbound message has this wamid */
    public Uni<Communication> inboundByWamid(String wamid) {
        return pool.preparedQuery("select * from communications where whatsapp_message_id = $1 and direction = 'inbound'")
                .execute(Tuple.of(wamid)).map(rows -> Rows.first(rows).map(Communication::from).orElse(null));
    }

    public Uni<OutboxBacklog> outboxBacklog() {
        return pool.query(OUTBOX_BACKLOG).execute().map(rows -> {
            var row = rows.iterator().next();
            return new OutboxBacklog(row.getLong("pending"), Rows.instant(row.getOffsetDateTime("oldest_due")));
        });
    }

    /** When the candidate last wrote to us (Meta's timestamp), or null. */
    public Uni<Instant> lastInboundAt(UUID candidateId) {
        return pool.preparedQuery(LAST_INBOUND_AT).execute(Tuple.of(candidateId))
                .map(rows -> Rows.instant(rows.iterator().next().getOffsetDateTime("sent_at")));
    }
}
