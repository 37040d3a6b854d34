package com.atsplatform.communications.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

/** Shared secrets presented by callers (the webhook's verify token, the wake-up token). */
public final class SharedSecrets {

    private SharedSecrets() {
    }

    /** Whether {@code presented} is {@code expected}, compared in constant time; a missing one never matches. */
    public static boolean matches(String expected, String presented) {
        return expected != null && !expected.isEmpty() && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The wake-up token's header, on {@code /internal/outbox/drain} and {@code /internal/media/download}. */
    public static final String WAKE_UP_HEADER = "X-Wake-Up-Token";

    /**
     * Lets a wake-up call through: 404 when no token is configured (the endpoint does not exist),
     * 401 when the presented one is missing or wrong.
     */
    public static void checkWakeUp(Optional<String> configured, String presented) {
        String expected = configured.filter(value -> !value.isBlank())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "The wake-up is not configured"));
        if (!matches(expected, presented)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, WAKE_UP_HEADER + " is missing or wrong");
        }
    }
}
