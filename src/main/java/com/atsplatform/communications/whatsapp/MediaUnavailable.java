package com.atsplatform.communications.whatsapp;

/**
 * A media file could not be fetched. {@link MetaError#retryable()} tells whether a later try can
 * succeed (Meta unreachable or overloaded) or not (an unknown or expired media id, a bad token).
 */
public class MediaUnavailable extends RuntimeException {

    private final transient MetaError error;

    public MediaUnavailable(MetaError error) {
        super(error.summary(), null, false, false);
        this.error = error;
    }

    public MetaError error() {
        return error;
    }
}
