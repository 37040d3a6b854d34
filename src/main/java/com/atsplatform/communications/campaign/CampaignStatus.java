package com.atsplatform.communications.campaign;

/** {@code running} until no message of it is pending and no reminder scheduled, or until cancelled. */
public enum CampaignStatus {
    RUNNING, COMPLETED, CANCELLED
}
