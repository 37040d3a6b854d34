package com.atsplatform.communications.application;

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
public class ApplicationRepository implements PanacheRepositoryBase<JobApplication, UUID> {

    /** Applications matching the filters that are given (null filters are left out), newest first. */
    public Uni<List<JobApplication>> search(UUID candidateId, ApplicationStatus status, int page, int size) {
        Filter filter = Filter.of(candidateId, status);
        return find(filter.query, Sort.descending("createdAt").and("id"), filter.parameters).page(page, size).list();
    }

    public Uni<Long> countMatching(UUID candidateId, ApplicationStatus status) {
        Filter filter = Filter.of(candidateId, status);
        return count(filter.query, filter.parameters);
    }

    private record Filter(String query, Parameters parameters) {

        static Filter of(UUID candidateId, ApplicationStatus status) {
            StringBuilder query = new StringBuilder("1 = 1");
            Parameters parameters = new Parameters();
            if (candidateId != null) {
                query.append(" and candidateId = :candidateId");
                parameters.and("candidateId", candidateId);
            }
            if (status != null) {
                query.append(" and status = :status");
                parameters.and("status", status);
            }
            return new Filter(query.toString(), parameters);
        }
    }
}
