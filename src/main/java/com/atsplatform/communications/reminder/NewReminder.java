package com.atsplatform.communications.reminder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A reminder to schedule for one outbound message (its initial), its template already checked and
 * its parameters filled for the recipient.
 *
 * @param campaignId null for a single send's reminder
 * @param content    what the candidate reads: the template body with its parameters
 * @param after      how long after now it comes due
 */
public record NewReminder(UUID initialId, UUID campaignId, UUID applicationId, UUID candidateId, String templateName, String language,
        List<String> parameters, String content, Duration after) {

    public NewReminder {
        parameters = List.copyOf(parameters);
    }
}
