package com.atsplatform.communications.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.candidate.CandidateService;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApplicationService {

    private final ApplicationRepository applications;
    private final ApplicationStore store;
    private final CandidateService candidates;

    ApplicationService(ApplicationRepository applications, ApplicationStore store, CandidateService candidates) {
        this.applications = applications;
        this.store = store;
        this.candidates = candidates;
    }

    public Uni<JobApplication> create(UUID candidateId, String position) {
        return candidates.get(candidateId).flatMap(candidate -> store.insert(candidate.id, position.strip()));
    }

    /** @throws ApplicationNotFound as a failure when there is none */
    public Uni<JobApplication> get(UUID id) {
        return applications.findById(id).onItem().ifNull().failWith(() -> new ApplicationNotFound(id));
    }

    /**
     * A recruiter's change: a new status (only along {@link ApplicationStatus#next()}) and/or the
     * attention flag, and nothing else. Moving to the status it already has is accepted and changes
     * nothing. With {@code expectedVersion} (the ETag the recruiter saw) a change based on a stale
     * read is refused with 412.
     */
    public Uni<JobApplication> update(UUID id, ApplicationStatus status, Boolean needsAttention, Long expectedVersion) {
        return store.update(id, status, needsAttention, expectedVersion).flatMap(updated -> updated.isPresent()
                ? Uni.createFrom().item(updated.get())
                // Nothing matched: say why from the row as it is now.
                : get(id).map(current -> {
                    if (expectedVersion != null && current.version != expectedVersion) {
                        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                                "The application changed since it was read (If-Match does not match its ETag); read it again");
                    }
                    throw new TransitionNotAllowed(current.status, status);
                }));
    }

    public Uni<Page<JobApplication>> list(UUID candidateId, ApplicationStatus status, int page, int size) {
        return applications.search(candidateId, status, page, size);
    }
}
