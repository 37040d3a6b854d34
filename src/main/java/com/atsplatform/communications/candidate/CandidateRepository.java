package com.atsplatform.communications.candidate;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
@WithSession
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

    public PanacheQuery<Candidate> newestFirst() {
        return findAll(Sort.descending("createdAt").and("id"));
    }
}
