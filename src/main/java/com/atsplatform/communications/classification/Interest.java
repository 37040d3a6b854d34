package com.atsplatform.communications.classification;

/** What a reply says about the candidate's interest: the classifier's own label. */
public enum Interest {
    INTERESTED, NOT_INTERESTED, QUESTION, UNKNOWN
}
