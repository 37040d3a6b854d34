package com.atsplatform.communications.communication;

import jakarta.persistence.Converter;

import com.atsplatform.communications.persistence.LowercaseEnumConverter;

/** What a candidate's reply says about their interest. */
public enum InterestStatus {
    INTERESTED, NOT_INTERESTED, QUESTION, UNKNOWN;

    @Converter(autoApply = true)
    static class JpaConverter extends LowercaseEnumConverter<InterestStatus> {
        JpaConverter() {
            super(InterestStatus.class);
        }
    }
}
