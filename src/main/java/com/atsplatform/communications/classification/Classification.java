package com.atsplatform.communications.classification;

/**
 * What a reply means: its interest, and whether the candidate asked not to be contacted again
 * (a separate signal: the webhook opts the candidate out).
 */
public record Classification(Interest interest, boolean optOut) {
}
