package com.atsplatform.communications.whatsapp;

import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A failure answered by the Graph API ({@code {error: {code, message, error_data.details, fbtrace_id}}})
 * or met on the way to it (no connection, timeout: {@code code} null).
 *
 * @param httpStatus the HTTP status Meta answered with; null when no answer came
 */
@RegisterForReflection
public record MetaError(Integer code, String message, String details, String fbtraceId, Integer httpStatus) {

    /** Worth trying again later: throttling, temporary outages, Meta's own 5xx. */
    private static final Set<Integer> RETRYABLE = Set.of(130429, 131056, 131000, 131016, 131057, 1, 2, 4, 80007);

    /** Retrying cannot help: bad template or parameters, policy, auth, unreachable user, opted out. */
    private static final Set<Integer> FINAL = Set.of(132000, 132001, 132012, 132015, 132016, 131008, 131009, 100, 131047,
            131026, 131050, 131048, 368, 131031, 190, 0, 10, 133010);

    /** Meta's code for a template name or language it does not have. */
    public static final int TEMPLATE_DOES_NOT_EXIST = 132001;
    /** Meta's code for a parameter count that does not match the template. */
    public static final int PARAMETER_COUNT_MISMATCH = 132000;
    /** Meta's code for a user who stopped marketing messages. */
    public static final int USER_OPTED_OUT_OF_MARKETING = 131050;

    public boolean retryable() {
        if (code != null && RETRYABLE.contains(code)) {
            return true;
        }
        if (code != null && (FINAL.contains(code) || (code >= 200 && code <= 299))) {
            return false;
        }
        return httpStatus == null || httpStatus >= 500 || httpStatus == 429;
    }

    public static MetaError unreachable(String what) {
        return new MetaError(null, "Graph API unreachable: " + what, null, null, null);
    }

    public static MetaError timedOut() {
        return new MetaError(null, "Graph API did not answer in time; Meta may have accepted the message", null, null, null);
    }

    public static MetaError circuitOpen() {
        return new MetaError(null, "Graph API calls paused after repeated failures (circuit open)", null, null, null);
    }

    /** The sender of a message stopped (crashed, was killed) during its call to Meta: the outcome is unknown. */
    public static MetaError senderStoppedMidCall() {
        return new MetaError(null, "The instance sending it stopped during the call; Meta may have accepted the message", null, null,
                null);
    }

    /** One line for an operator's log or a stored {@code error_message}, without personal data. */
    public String summary() {
        StringBuilder summary = new StringBuilder();
        if (code != null && (message == null || !message.startsWith("(#"))) {
            summary.append("(#").append(code).append(") ");
        }
        summary.append(message == null ? "HTTP " + httpStatus : message);
        if (details != null && !details.isBlank()) {
            summary.append(": ").append(details);
        }
        return summary.toString();
    }
}
