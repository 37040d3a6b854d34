package com.atsplatform.communications.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.atsplatform.communications.problem.ProblemException;

/** The time filters of the lists and the funnel ({@code since}, {@code until}). */
public final class TimeParameter {

    private TimeParameter() {
    }

    /**
     * ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or date ({@code 2026-11-25}, midnight UTC).
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
