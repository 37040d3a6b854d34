package com.atsplatform.communications.classification;

/**
 * What a reply means: its interest, whether the candidate asked not to be contacted again (a
 * separate signal: the webhook opts the candidate out), and why, in words a recruiter can read
 * (the phrase or rule that decided, e.g. {@code "no me interesa"} or {@code after "pero": "ya encontre trabajo"}).
 */
public record Classification(Interest interest, boolean optOut, String reason) {

    public Classification(Interest interest, boolean optOut) {
        this(interest, optOut, null);
    }
}
