package com.atsplatform.communications.communication;

import jakarta.persistence.Converter;

import com.atsplatform.communications.persistence.LowercaseEnumConverter;

/** Outbound: from the recruiter to the candidate; inbound: the candidate's message. */
public enum Direction {
    OUTBOUND, INBOUND;

    @Converter(autoApply = true)
    static class JpaConverter extends LowercaseEnumConverter<Direction> {
        JpaConverter() {
            super(Direction.class);
        }
    }
}
