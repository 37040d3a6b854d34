package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CommunicationRepository implements PanacheRepositoryBase<Communication, UUID> {

    /** The list filters of {@code GET /api/v1/communications}; null fields are not applied. */
    public record Filter(UUID applicationId, UUID candidateId, Channel channel, Direction direction, CommunicationStatus status,
            MessageType messageType, Instant since, Instant until) {

        private String query() {
            StringBuilder query = new StringBuilder("1 = 1");
            append(query, applicationId, "applicationId");
            append(query, candidateId, "candidateId");
            append(query, channel, "channel");
            append(query, direction, "direction");
            append(query, status, "status");
            append(query, messageType, "messageType");
            if (since != null) {
                query.append(" and createdAt >= :since");
            }
            if (until != null) {
                query.append(" and createdAt < :until");
            }
            return query.toString();
        }

        private Parameters parameters() {
            Parameters parameters = new Parameters();
            put(parameters, "applicationId", applicationId);
            put(parameters, "candidateId", candidateId);
            put(parameters, "channel", channel);
            put(parameters, "direction", direction);
            put(parameters, "status", status);
            put(parameters, "messageType", messageType);
            put(parameters, "since", since);
            put(parameters, "until", until);
            return parameters;
        }

        private static void append(StringBuilder query, Object value, String field) {
            if (value != null) {
                query.append(" and ").append(field).append(" = :").append(field);
            }
        }

        private static void put(Parameters parameters, String name, Object value) {
            if (value != null) {
                parameters.and(name, value);
            }
        }
    }

    public Uni<List<Communication>> search(Filter filter, int page, int size) {
        return find(filter.query(), Sort.descending("createdAt").and("communicationId"), filter.parameters()).page(page, size).list();
    }

    public Uni<Long> countMatching(Filter filter) {
        return count(filter.query(), filter.parameters());
    }

    /** When the candidate last wrote to us (Meta's timestamp), or null. */
    public Uni<Instant> lastInboundAt(UUID candidateId) {
        return find("candidateId = ?1 and direction = ?2 and sentAt is not null", Sort.descending("sentAt"), candidateId, Direction.INBOUND)
                .firstResult().map(latest -> latest == null ? null : latest.sentAt);
    }
}
