package com.atsplatform.communications.communication;

import com.atsplatform.communications.api.WireName;

/**
 * Delivery state of a communication, declared in rank order: a status webhook moves a message only
 * to a higher rank, so a late {@code delivered} never undoes {@code read} (a {@code failed} after
 * Meta took the message ranks below {@code delivered}: Meta reports delivery only of what it sent).
 */
public enum CommunicationStatus {
    PENDING, SENT, FAILED, DELIVERED, READ, REPLIED;

    /** Every status's wire name, lowest rank first. */
    public static String[] inRankOrder() {
        CommunicationStatus[] statuses = values();
        String[] names = new String[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            names[i] = WireName.of(statuses[i]);
        }
        return names;
    }
}
