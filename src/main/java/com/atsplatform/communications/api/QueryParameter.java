package com.atsplatform.communications.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import com.atsplatform.communications.problem.ProblemException;

/**
 * Ids, enums and times in query parameters, which the resources take as text and convert here: a
 * value that is not one is a 400 problem naming the parameter (JAX-RS would answer 404). Not a
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
     * The constant with this wire name (the contract's {@code status=not_interested}), in any case.
     *
     * @return null when none is given
     * @throws ProblemException (400) naming {@code parameter} and the accepted values otherwise
     */
    public static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return WireName.parse(type, value.strip());
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants()).map(WireName::of).collect(Collectors.joining(", "));
            throw ProblemException.invalidField(parameter, "must be one of " + accepted);
        }
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or date ({@code 2026-11-25}, midnight UTC):
     * the time filters of the lists and the funnel ({@code since}, {@code until}).
     *
     * @return null when none is given
     * @throws ProblemException (400) naming {@code parameter} when it is neither
     */
    public static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be an ISO-8601 instant or date");
        }
    }
}
