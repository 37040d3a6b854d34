package com.atsplatform.communications.problem;

import java.net.URI;

/** The kinds of problem this service answers with; {@code docs/problems.md} describes each. */
public enum ProblemType {

    VALIDATION(400, "validation", "Request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    INVALID_SIGNATURE(401, "invalid-signature", "Webhook signature missing or invalid"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    TRANSITION_NOT_ALLOWED(409, "transition-not-allowed", "Status transition not allowed"),
    NOT_RETRYABLE(409, "not-retryable", "Only a failed outbound message can be retried"),
    RETRY_LIMIT_REACHED(409, "retry-limit-reached", "Retry limit reached"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource changed since it was read"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key already used for another request"),
    IDEMPOTENCY_KEY_IN_PROGRESS(409, "idempotency-key-in-progress", "A request with this Idempotency-Key is still running"),
    APPLICATION_OF_ANOTHER_CANDIDATE(422, "application-of-another-candidate", "Application belongs to another candidate"),
    CANDIDATE_OPTED_OUT(422, "candidate-opted-out", "Candidate opted out of WhatsApp"),
    OUTSIDE_SERVICE_WINDOW(422, "outside-service-window", "Free text outside the 24-hour customer-service window"),
    UNKNOWN_TEMPLATE(422, "unknown-template", "Unknown or unapproved template"),
    TEMPLATE_PARAMETER_COUNT(422, "template-parameter-count", "Wrong number of template variables"),
    META_REJECTED(422, "meta-rejected", "WhatsApp refused the message"),
    UNKNOWN_APPLICATIONS(422, "unknown-applications", "Unknown applications"),
    CAMPAIGN_COMPLETED(409, "campaign-completed", "The campaign has completed"),
    MEDIA_NOT_STORED(409, "media-not-stored", "The file is not stored"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    INTERNAL(500, "internal", "Internal error"),
    WHATSAPP_DISABLED(503, "whatsapp-disabled", "WhatsApp integration disabled"),
    HTTP(0, "http", null);

    /** Base of every problem {@code type}; the slug is appended. */
    public static final String BASE_URI = "https://atsplatform.com/problems/";

    private final int status;
    private final URI type;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE_URI + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }
}
