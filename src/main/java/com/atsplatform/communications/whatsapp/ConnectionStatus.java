package com.atsplatform.communications.whatsapp;

/**
 * Whether the Graph API answers for the configured sender number, and what it says of it.
 *
 * @param error why not, when not connected
 */
public record ConnectionStatus(boolean connected, String displayPhoneNumber, String verifiedName, String qualityRating,
        MetaError error) {

    public static ConnectionStatus failed(MetaError error) {
        return new ConnectionStatus(false, null, null, null, error);
    }
}
