package com.atsplatform.communications.candidate;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.phone.PhoneNumbers;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CandidateService {

    private final CandidateRepository candidates;
    private final PhoneNumbers phoneNumbers;

    CandidateService(CandidateRepository candidates, PhoneNumbers phoneNumbers) {
        this.candidates = candidates;
        this.phoneNumbers = phoneNumbers;
    }

    @WithTransaction
    public Uni<Candidate> create(String fullName, String phone, String email) {
        Candidate candidate = new Candidate();
        candidate.fullName = fullName.strip();
        candidate.phone = phoneNumbers.toE164(phone, "phone");
        candidate.email = email == null || email.isBlank() ? null : email.strip();
        return candidates.persist(candidate);
    }

    /** @throws CandidateNotFound as a failure when there is none */
    public Uni<Candidate> get(UUID id) {
        return candidates.findById(id).onItem().ifNull().failWith(() -> new CandidateNotFound(id));
    }

    @WithSession
    public Uni<Page<Candidate>> list(int page, int size) {
        return candidates.count().flatMap(total -> candidates.listNewestFirst(page, size)
                .map(items -> new Page<>(items, total, page, size)));
    }
}
