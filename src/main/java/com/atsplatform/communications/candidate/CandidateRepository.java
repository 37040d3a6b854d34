package com.atsplatform.communications.candidate;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

    public Uni<List<Candidate>> listNewestFirst(int page, int size) {
        return findAll(Sort.descending("createdAt").and("id")).page(page, size).list();
    }
}
