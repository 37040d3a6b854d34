package com.atsplatform.communications.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A candidate's application to a position (named so as not to clash with the JAX-RS and Quarkus
 * "Application"); read with Hibernate, written by {@link ApplicationStore}.
 */
@Entity
@Table(name = "applications")
public class JobApplication {

    @Id
    public UUID id;

    @Column(name = "candidate_id", nullable = false, updatable = false)
    public UUID candidateId;

    @Column(name = "position", nullable = false, length = 200)
    public String position;

    @Column(name = "status", nullable = false, length = 16)
    public ApplicationStatus status = ApplicationStatus.NEW;

    /** Set when a reply needs a recruiter (a question); cleared by the recruiter. */
    @Column(name = "needs_attention", nullable = false)
    public boolean needsAttention;

    /** Bumped by every change; the ETag of the application. */
    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
