package com.atsplatform.communications.candidate;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person the recruiters contact; read with Hibernate, written by {@link CandidateStore}. */
@Entity
@Table(name = "candidates")
public class Candidate {

    @Id
    public UUID id;

    @Column(name = "full_name", nullable = false, length = 200)
    public String fullName;

    /** E.164. */
    @Column(name = "phone", nullable = false, length = 16)
    public String phone;

    @Column(name = "email", length = 320)
    public String email;

    @Column(name = "whatsapp_opt_out", nullable = false)
    public boolean whatsappOptOut;

    @Column(name = "opted_out_at")
    public Instant optedOutAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
