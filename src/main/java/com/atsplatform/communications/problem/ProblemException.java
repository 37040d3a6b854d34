package com.atsplatform.communications.problem;

import java.util.List;
import java.util.Map;

/**
 * A domain failure the client can act on. Subclasses name the rule that was broken; the mapper
 * turns each into its problem. They carry no stack trace: they are expected outcomes, not bugs.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.extensions = extensions;
    }

    /** A 400 for one invalid field (a JSON field or a query parameter). */
    public static ProblemException invalidField(String field, String message) {
        return invalidFields(List.of(new Problem.FieldError(field, message)));
    }

    /** A 400 listing every invalid field. */
    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION, "The request has " + errors.size() + " invalid field(s)", errors, Map.of());
    }

    public Problem problem() {
        return new Problem(type.type(), type.title(), type.status(), getMessage(), errors, extensions);
    }
}
