package com.atsplatform.communications.communication;

/** The medium a communication went through. */
public enum Channel {
    WHATSAPP, EMAIL, SMS;
}
