package com.atsplatform.communications.api;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import com.atsplatform.communications.problem.ProblemException;

/**
 * Ids and enums in query parameters, which the resources take as text and convert here: a value
 * that is not one is a 400 problem naming the parameter (JAX-RS would answer 404). Not a
 * {@code ParamConverterProvider}: with one registered, RESTEasy Reactive looks up every resource
 * method's parameters reflectively at start-up (docs/operations.md, start-up). A malformed id in
 * the path stays a 404: no resource is there.
 */
public final class QueryParameter {

    private QueryParameter() {
    }

    /**
     * @return null when none is given
     * @throws ProblemException (400) naming {@code parameter} when the value is no UUID
     */
    public static UUID uuid(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be a UUID");
        }
    }

    /**
     * The constant whose lower-case name is {@code value} (the contract's {@code status=not_interested}).
     *
     * @return null when none is given
     * @throws ProblemException (400) naming {@code parameter} and the accepted values otherwise
     */
    public static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(WireName::of).collect(Collectors.joining(", "));
        throw ProblemException.invalidField(parameter, "must be one of " + accepted);
    }
}
