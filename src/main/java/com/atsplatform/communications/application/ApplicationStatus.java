package com.atsplatform.communications.application;

import java.util.EnumSet;
import java.util.Set;

/** Where a job application stands; {@link #canMoveTo} says which moves a recruiter may make. */
public enum ApplicationStatus {
    NEW,
    CONTACTED,
    INTERESTED,
    NOT_INTERESTED,
    SCREENING,
    INTERVIEW,
    OFFER,
    HIRED,
    REJECTED,
    WITHDRAWN;

    public Set<ApplicationStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(CONTACTED, INTERESTED, NOT_INTERESTED, SCREENING, REJECTED, WITHDRAWN);
            case CONTACTED -> EnumSet.of(INTERESTED, NOT_INTERESTED, SCREENING, REJECTED, WITHDRAWN);
            // A candidate may change their mind either way before screening starts.
            case INTERESTED -> EnumSet.of(NOT_INTERESTED, SCREENING, REJECTED, WITHDRAWN);
            case NOT_INTERESTED -> EnumSet.of(INTERESTED, REJECTED, WITHDRAWN);
            case SCREENING -> EnumSet.of(INTERVIEW, REJECTED, WITHDRAWN);
            case INTERVIEW -> EnumSet.of(OFFER, REJECTED, WITHDRAWN);
            case OFFER -> EnumSet.of(HIRED, REJECTED, WITHDRAWN);
            case HIRED, REJECTED, WITHDRAWN -> EnumSet.noneOf(ApplicationStatus.class);
        };
    }

    public boolean canMoveTo(ApplicationStatus target) {
        return next().contains(target);
    }

    /**
     * The statuses from which {@code target} may be reached. The automatic moves use it too: a first
     * contact moves to {@code contacted} and a reply to {@code interested}/{@code not_interested}
     * only from where a recruiter could, so no automatic move ever undoes a later stage.
     */
    public static Set<ApplicationStatus> sourcesOf(ApplicationStatus target) {
        Set<ApplicationStatus> sources = EnumSet.noneOf(ApplicationStatus.class);
        for (ApplicationStatus status : values()) {
            if (status.canMoveTo(target)) {
                sources.add(status);
            }
        }
        return sources;
    }
}
