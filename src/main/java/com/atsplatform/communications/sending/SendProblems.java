package com.atsplatform.communications.sending;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.atsplatform.communications.whatsapp.MetaError;

/** The rules a send or a retry can break, each its own problem type. */
public final class SendProblems {

    private SendProblems() {
    }

    public static final class WhatsAppDisabled extends ProblemException {
        public WhatsAppDisabled() {
            super(ProblemType.WHATSAPP_DISABLED, "WhatsApp messaging is switched off (WHATSAPP_ENABLED=false)");
        }
    }

    public static final class ApplicationOfAnotherCandidate extends ProblemException {
        public ApplicationOfAnotherCandidate(UUID applicationId, UUID candidateId) {
            super(ProblemType.APPLICATION_OF_ANOTHER_CANDIDATE,
                    "Application " + applicationId + " does not belong to candidate " + candidateId);
        }
    }

    public static final class CandidateOptedOut extends ProblemException {
        public CandidateOptedOut(UUID candidateId) {
            super(ProblemType.CANDIDATE_OPTED_OUT, "Candidate " + candidateId + " asked not to be contacted on WhatsApp");
        }
    }

    public static final class OutsideServiceWindow extends ProblemException {
        public OutsideServiceWindow(Instant lastInbound) {
            super(ProblemType.OUTSIDE_SERVICE_WINDOW, lastInbound == null
                    ? "The candidate has never written: only an approved template can be sent"
                    : "The candidate last wrote at " + lastInbound + ", more than 24 hours ago: only an approved template can be sent");
        }
    }

    public static final class UnknownTemplate extends ProblemException {
        public UnknownTemplate(String name, String language) {
            super(ProblemType.UNKNOWN_TEMPLATE, "No approved template '" + name + "' in language '" + language + "'",
                    List.of(new com.atsplatform.communications.problem.Problem.FieldError("template_name", "is not an approved template")),
                    Map.of());
        }
    }

    public static final class TemplateParameterCount extends ProblemException {
        public TemplateParameterCount(String name, int expected, int given) {
            super(ProblemType.TEMPLATE_PARAMETER_COUNT,
                    "Template '" + name + "' takes " + expected + " variable(s), " + given + " given",
                    List.of(new com.atsplatform.communications.problem.Problem.FieldError("template_variables",
                            "must have " + expected + " item(s)")),
                    Map.of("expected", expected, "given", given));
        }
    }

    /** Meta refused the message for good; the stored record is {@code failed}. */
    public static final class MetaRefused extends ProblemException {
        public MetaRefused(UUID communicationId, MetaError error) {
            super(ProblemType.META_REJECTED, "WhatsApp refused the message: " + error.summary(), List.of(),
                    error.code() == null ? Map.of("communication_id", communicationId)
                            : Map.of("communication_id", communicationId, "error_code", error.code()));
        }
    }

    public static final class NotRetryable extends ProblemException {
        public NotRetryable(UUID communicationId, String status) {
            super(ProblemType.NOT_RETRYABLE, "Communication " + communicationId + " is " + status + ", not a failed outbound message");
        }
    }

    public static final class RetryLimitReached extends ProblemException {
        public RetryLimitReached(UUID communicationId, int limit) {
            super(ProblemType.RETRY_LIMIT_REACHED, "Communication " + communicationId + " was already retried " + limit + " times",
                    List.of(), Map.of("communication_id", communicationId, "retry_limit", limit));
        }
    }
}
