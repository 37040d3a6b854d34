package com.atsplatform.communications.classification;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The payloads of template quick-reply buttons, both ways: the service gives each button a payload
 * that says what pressing it means ({@code INTERESTED}, {@code NOT_INTERESTED}, {@code MORE_INFO},
 * {@code STOP}, else {@code BUTTON_<n>}), and reads back those and the conventional ones other
 * templates use ({@code YES}, {@code NO}, {@code BAJA} …) when a candidate presses one.
 */
public final class QuickReplyPayload {

    private static final String OPT_OUT = "STOP";
    private static final String INTERESTED = "INTERESTED";
    private static final String NOT_INTERESTED = "NOT_INTERESTED";
    private static final String QUESTION = "MORE_INFO";
    private static final String UNDECIDED_PREFIX = "BUTTON_";

    /** Payloads as templates commonly define them, after upper-casing, with what they mean. */
    private static final Map<String, Interest> MEANINGS = Map.ofEntries(
            Map.entry(INTERESTED, Interest.INTERESTED), Map.entry("YES", Interest.INTERESTED),
            Map.entry("SI", Interest.INTERESTED), Map.entry("ACCEPT", Interest.INTERESTED),
            Map.entry("ACEPTO", Interest.INTERESTED), Map.entry("ME_INTERESA", Interest.INTERESTED),
            Map.entry("CONFIRM", Interest.INTERESTED), Map.entry("CONFIRMAR", Interest.INTERESTED),
            Map.entry(NOT_INTERESTED, Interest.NOT_INTERESTED), Map.entry("NO", Interest.NOT_INTERESTED),
            Map.entry("DECLINE", Interest.NOT_INTERESTED), Map.entry("RECHAZAR", Interest.NOT_INTERESTED),
            Map.entry("NO_ME_INTERESA", Interest.NOT_INTERESTED), Map.entry("NO_INTERESA", Interest.NOT_INTERESTED),
            Map.entry(QUESTION, Interest.QUESTION), Map.entry("INFO", Interest.QUESTION),
            Map.entry("QUESTION", Interest.QUESTION), Map.entry("MAS_INFO", Interest.QUESTION),
            Map.entry("MAS_INFORMACION", Interest.QUESTION));
    private static final Set<String> OPT_OUTS = Set.of(OPT_OUT, "OPT_OUT", "BAJA", "UNSUBSCRIBE");

    private QuickReplyPayload() {
    }

    /** The payload for the button at {@code index} whose text means {@code meaning}. */
    public static String encode(Classification meaning, int index) {
        if (meaning.optOut()) {
            return OPT_OUT;
        }
        return switch (meaning.interest()) {
            case INTERESTED -> INTERESTED;
            case NOT_INTERESTED -> NOT_INTERESTED;
            case QUESTION -> QUESTION;
            case UNKNOWN -> UNDECIDED_PREFIX + index;
        };
    }

    /** What a pressed button's payload means; empty for a payload that says nothing by itself. */
    public static Optional<Classification> decode(String payload) {
        String key = payload == null ? "" : payload.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        if (OPT_OUTS.contains(key)) {
            return Optional.of(new Classification(Interest.NOT_INTERESTED, true, "button " + key));
        }
        return Optional.ofNullable(MEANINGS.get(key)).map(interest -> new Classification(interest, false, "button " + key));
    }
}
