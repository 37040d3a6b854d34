package com.atsplatform.communications.communication;

import jakarta.persistence.Converter;

import com.atsplatform.communications.persistence.LowercaseEnumConverter;

/** Delivery state of a communication. */
public enum CommunicationStatus {
    PENDING, SENT, DELIVERED, READ, FAILED, REPLIED;

    @Converter(autoApply = true)
    static class JpaConverter extends LowercaseEnumConverter<CommunicationStatus> {
        JpaConverter() {
            super(CommunicationStatus.class);
        }
    }
}
