package com.atsplatform.communications.classification;

import com.atsplatform.communications.communication.InterestStatus;

/**
 * What a reply means: its interest, and whether the candidate asked not to be contacted again
 * (a separate signal: the webhook opts the candidate out).
 */
public record Classification(InterestStatus interest, boolean optOut) {
}
