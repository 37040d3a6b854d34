package com.atsplatform.communications.candidate;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.phone.PhoneNumbers;

import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CandidateService {

    private final CandidateRepository candidates;
    private final CandidateStore store;
    private final PhoneNumbers phoneNumbers;

    CandidateService(CandidateRepository candidates, CandidateStore store, PhoneNumbers phoneNumbers) {
        this.candidates = candidates;
        this.store = store;
        this.phoneNumbers = phoneNumbers;
    }

    public Uni<Candidate> create(String fullName, String phone, String email) {
        return store.insert(fullName.strip(), phoneNumbers.toE164(phone, "phone"), email == null || email.isBlank() ? null : email.strip());
    }

    /** @throws CandidateNotFound as a failure when there is none */
    public Uni<Candidate> get(UUID id) {
        return candidates.findById(id).onItem().ifNull().failWith(() -> new CandidateNotFound(id));
    }

    public Uni<Page<Candidate>> list(int page, int size) {
        return candidates.newestFirst(page, size);
    }
}
