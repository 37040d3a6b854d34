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
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    INTERNAL(500, "internal", "Internal error"),
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
