package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.persistence.Filter;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CommunicationRepository implements PanacheRepositoryBase<Communication, UUID> {

    /** The list filters of {@code GET /api/v1/communications}; null fields are not applied. */
    public record Filters(UUID applicationId, UUID candidateId, Channel channel, Direction direction, CommunicationStatus status,
            MessageType messageType, Instant since, Instant until) {
    }

    /** Communications matching the filters, newest first ({@code until} exclusive). */
    public PanacheQuery<Communication> search(Filters filters) {
        Filter filter = new Filter().equal("applicationId", filters.applicationId()).equal("candidateId", filters.candidateId())
                .equal("channel", filters.channel()).equal("direction", filters.direction()).equal("status", filters.status())
                .equal("messageType", filters.messageType())
                .when("createdAt >= :since", "since", filters.since()).when("createdAt < :until", "until", filters.until());
        return find(filter.query(), Sort.descending("createdAt").and("communicationId"), filter.parameters());
    }

    /** When the candidate last wrote to us (Meta's timestamp), or null. */
    public Uni<Instant> lastInboundAt(UUID candidateId) {
        return find("candidateId = ?1 and direction = ?2 and sentAt is not null", Sort.descending("sentAt"), candidateId, Direction.INBOUND)
                .firstResult().map(latest -> latest == null ? null : latest.sentAt);
    }
}
