package com.atsplatform.communications.communication;

import jakarta.persistence.Converter;

import com.atsplatform.communications.persistence.LowercaseEnumConverter;

/** Why a message was sent; `REPLY` is every inbound message. */
public enum MessageType {
    INITIAL, FOLLOW_UP, REMINDER, REPLY;

    @Converter(autoApply = true)
    static class JpaConverter extends LowercaseEnumConverter<MessageType> {
        JpaConverter() {
            super(MessageType.class);
        }
    }
}
