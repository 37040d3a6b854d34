package com.atsplatform.communications.problem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become {@code application/problem+json}. Details never echo
 * request values (they may be phone numbers or message bodies) nor name Java classes.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_FRAMES = 25;
    private static final int MAX_TRACE = 20_000;

    @ServerExceptionMapper
    Response domain(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonProcessingException e) {
        return respond(jsonProblem(e));
    }

    @ServerExceptionMapper
    Response unmappableJson(DatabindException e) {
        return respond(jsonProblem(e));
    }

    /** Replaces the JSON-provider's own mapper for this exception, which answers plain JSON. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    Response mismatchedJson(MismatchedInputException e) {
        return respond(jsonProblem(e));
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e) {
        return unauthenticatedResponse("A valid bearer token is required");
    }

    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticatedResponse("The bearer token is not valid (expired, wrongly signed or malformed)");
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation"));
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json));
        }
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original;
        }
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String reason = Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                ? original.getStatusInfo().getReasonPhrase()
                : "HTTP " + status;
        ProblemType type = status == 404 ? ProblemType.NOT_FOUND : ProblemType.HTTP;
        String title = type.title() != null ? type.title() : reason;
        String detail = status == 404 ? "No resource at this path" : reason;
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.type(), title, status, detail, List.of(), Map.of()));
        copyHeader(original, builder, HttpHeaders.ALLOW);
        copyHeader(original, builder, HttpHeaders.WWW_AUTHENTICATE);
        return builder.build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    Response unexpected(Throwable e) {
        // Messages may hold personal data (a database error quotes the row), so ERROR gets the
        // stack trace without them; the reference ties the log line to the answer the client saw.
        String reference = UUID.randomUUID().toString();
        LOG.errorf("Unexpected failure (reference %s): %s", reference, traceWithoutMessages(e));
        LOG.debugf(e, "Unexpected failure (reference %s)", reference);
        ProblemType type = ProblemType.INTERNAL;
        return respond(new Problem(type.type(), type.title(), type.status(),
                "An unexpected error occurred; quote reference " + reference + " to the operators",
                List.of(), Map.of("reference", reference)));
    }

    /** Each exception of the cause chain with its class and frames, but not its message. */
    static String traceWithoutMessages(Throwable failure) {
        StringBuilder trace = new StringBuilder();
        for (Throwable cause = failure; cause != null && trace.length() < MAX_TRACE; cause = cause.getCause()) {
            trace.append(cause == failure ? "" : "\nCaused by: ").append(cause.getClass().getName());
            StackTraceElement[] frames = cause.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                trace.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                trace.append("\n\t... ").append(frames.length - MAX_FRAMES).append(" more");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return trace.toString();
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ProblemException.invalidField(jsonPath(mapping.getPath()), "has the wrong type or format").problem();
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON");
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static Response unauthenticatedResponse(String detail) {
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED, detail);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String header) {
        String value = from.getHeaderString(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
