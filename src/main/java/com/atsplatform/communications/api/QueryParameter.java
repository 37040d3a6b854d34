package com.atsplatform.communications.api;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.atsplatform.communications.problem.Problem;

/** What the query-parameter converters share: the parameter's name, and the 400 problem naming it. */
final class QueryParameter {

    private QueryParameter() {
    }

    /** The name of the query parameter these annotations declare; empty for a path, header or other parameter. */
    static Optional<String> name(Annotation[] annotations) {
        return Arrays.stream(annotations).filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value()).findFirst();
    }

    /** A 400 {@code validation} problem for this parameter, thrown from a converter (JAX-RS would answer 404). */
    static WebApplicationException invalid(String parameter, String message) {
        Problem problem = Problem.validation(List.of(new Problem.FieldError(parameter, message)));
        return new WebApplicationException(Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}
