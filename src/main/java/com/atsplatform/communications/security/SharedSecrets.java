package com.atsplatform.communications.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Shared secrets presented by callers (the webhook's verify token, the outbox wake-up token). */
public final class SharedSecrets {

    private SharedSecrets() {
    }

    /** Whether {@code presented} is {@code expected}, compared in constant time; a missing one never matches. */
    public static boolean matches(String expected, String presented) {
        return expected != null && !expected.isEmpty() && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
