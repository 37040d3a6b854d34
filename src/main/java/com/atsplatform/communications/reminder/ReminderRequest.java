package com.atsplatform.communications.reminder;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code reminder} in a send or a campaign: the template sent {@code after} the initial message was
 * accepted, if the candidate has not answered by then.
 *
 * @param after an ISO-8601 duration, {@code PT1M} to {@code P30D}, e.g. {@code PT48H}
 */
@RegisterForReflection
public record ReminderRequest(
        @NotBlank @Size(max = 40) String after,
        @NotBlank @Size(max = 512) String templateName,
        @Size(max = 20) List<@NotNull @Size(max = 1024) String> templateVariables,
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a language code such as es or en_US") String language) {

    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(30);

    public ReminderRequest {
        templateVariables = templateVariables == null ? List.of() : templateVariables;
    }

    /** @return {@code after} as a duration; only call it on a validated request */
    public Duration delay() {
        return Duration.parse(after);
    }

    /** @return the language, or {@code fallback} (the initial message's) when none was given */
    public String languageOr(String fallback) {
        return language == null || language.isBlank() ? fallback : language;
    }

    @JsonIgnore
    @AssertTrue(message = "after must be an ISO-8601 duration from PT1M to P30D, such as PT48H")
    public boolean isAfterADuration() {
        if (after == null || after.isBlank()) {
            return true; // @NotBlank says it
        }
        try {
            Duration delay = Duration.parse(after);
            return delay.compareTo(SHORTEST) >= 0 && delay.compareTo(LONGEST) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
