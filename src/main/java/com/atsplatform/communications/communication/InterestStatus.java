package com.atsplatform.communications.communication;

/** What a candidate's reply says about their interest. */
public enum InterestStatus {
    INTERESTED, NOT_INTERESTED, QUESTION, UNKNOWN;
}
