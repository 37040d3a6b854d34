package com.atsplatform.communications.communication;

/** Why a message was sent; `REPLY` is every inbound message. */
public enum MessageType {
    INITIAL, FOLLOW_UP, REMINDER, REPLY;
}
