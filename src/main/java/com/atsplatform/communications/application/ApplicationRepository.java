package com.atsplatform.communications.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.persistence.Filter;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
@WithSession
public class ApplicationRepository implements PanacheRepositoryBase<JobApplication, UUID> {

    /** Applications matching the filters that are given (null filters are left out), newest first. */
    public PanacheQuery<JobApplication> search(UUID candidateId, ApplicationStatus status) {
        Filter filter = new Filter().equal("candidateId", candidateId).equal("status", status);
        return find(filter.query(), Sort.descending("createdAt").and("id"), filter.parameters());
    }
}
