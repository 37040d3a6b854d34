package com.atsplatform.communications.communication;

/** Outbound: from the recruiter to the candidate; inbound: the candidate's message. */
public enum Direction {
    OUTBOUND, INBOUND;
}
