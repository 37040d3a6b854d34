package com.atsplatform.communications.communication;

import jakarta.persistence.Converter;

import com.atsplatform.communications.persistence.LowercaseEnumConverter;

/** The medium a communication went through. */
public enum Channel {
    WHATSAPP, EMAIL, SMS;

    @Converter(autoApply = true)
    static class JpaConverter extends LowercaseEnumConverter<Channel> {
        JpaConverter() {
            super(Channel.class);
        }
    }
}
