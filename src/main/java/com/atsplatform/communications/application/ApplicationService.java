package com.atsplatform.communications.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.candidate.CandidateService;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApplicationService {

    private final ApplicationRepository applications;
    private final CandidateService candidates;

    ApplicationService(ApplicationRepository applications, CandidateService candidates) {
        this.applications = applications;
        this.candidates = candidates;
    }

    @WithTransaction
    public Uni<JobApplication> create(UUID candidateId, String position) {
        return candidates.get(candidateId).flatMap(candidate -> {
            JobApplication application = new JobApplication();
            application.candidateId = candidate.id;
            application.position = position.strip();
            return applications.persist(application);
        });
    }

    /** @throws ApplicationNotFound as a failure when there is none */
    public Uni<JobApplication> get(UUID id) {
        return applications.findById(id).onItem().ifNull().failWith(() -> new ApplicationNotFound(id));
    }

    /**
     * A recruiter's change: a new status (only along {@link ApplicationStatus#next()}) and/or the
     * attention flag. Moving to the status it already has is accepted and changes nothing.
     */
    @WithTransaction
    public Uni<JobApplication> update(UUID id, ApplicationStatus status, Boolean needsAttention) {
        return get(id).map(application -> {
            if (status != null && status != application.status) {
                if (!application.status.canMoveTo(status)) {
                    throw new TransitionNotAllowed(application.status, status);
                }
                application.status = status;
            }
            if (needsAttention != null) {
                application.needsAttention = needsAttention;
            }
            return application;
        });
    }

    @WithSession
    public Uni<Page<JobApplication>> list(UUID candidateId, ApplicationStatus status, int page, int size) {
        return applications.countMatching(candidateId, status)
                .flatMap(total -> applications.search(candidateId, status, page, size)
                        .map(items -> new Page<>(items, total, page, size)));
    }
}
