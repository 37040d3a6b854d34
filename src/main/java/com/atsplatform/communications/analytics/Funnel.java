package com.atsplatform.communications.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How first contacts (outbound {@code initial} messages) fared: each counted once per stage it
 * reached ({@code sent} includes those delivered, read and replied), a reply to its reminder
 * counting as a reply to it (it marks the initial replied too).
 *
 * @param responseRate         replied / sent; 0 when nothing was sent
 * @param medianSecondsToReply from Meta's sent time to the first reply; null when none replied
 */
@RegisterForReflection
public record Funnel(long sent, long delivered, long read, long replied, long interested, long notInterested, long question,
        double responseRate, Double medianSecondsToReply) {
}
