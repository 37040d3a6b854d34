package com.atsplatform.communications.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * Rule-based reply classifier for Spanish and English. Pure Java, no I/O after construction,
 * thread-safe.
 * <ol>
 * <li>The reply is tokenised ({@link ReplyText}) and the lexicon's phrases are matched, longest first.</li>
 * <li>An "interested" phrase with a negation shortly before it in the same clause ("no estoy
 * interesado", "not interested") counts as "not interested".</li>
 * <li>Explicit yes and no outweigh questions: more yes than no is {@code interested}, more no
 * than yes {@code not_interested}, a tie goes to the one said last ("me interesa, pero no puedo").</li>
 * <li>Without a yes or no, a question mark or a question phrase makes it {@code question};
 * anything else (greetings, thanks, "lo pienso") is {@code unknown}.</li>
 * </ol>
 */
public final class InterestClassifier {

    static final List<String> RESOURCES = List.of("classification/phrases-es.tsv", "classification/phrases-en.tsv",
            "classification/emoji.tsv");

    private static final Set<String> NEGATIONS = Set.of("no", "nunca", "jamas", "tampoco", "ni", "not", "never", "dont",
            "doesnt", "isnt", "arent", "cant", "cannot", "wont", "wouldnt", "nor");
    private static final int NEGATION_WINDOW = 3;


    private final Lexicon lexicon;

    private InterestClassifier(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The bundled Spanish, English and emoji phrases, plus any extra phrases per cue. */
    public static InterestClassifier withBundledPhrases(Map<Cue, List<String>> extraPhrases) {
        Lexicon lexicon = new Lexicon();
        for (String resource : RESOURCES) {
            try (InputStream in = InterestClassifier.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing classifier resource " + resource);
                }
                lexicon.load(in, resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        extraPhrases.forEach((cue, phrases) -> phrases.forEach(phrase -> lexicon.add(cue, phrase)));
        return new InterestClassifier(lexicon);
    }

    public static InterestClassifier withBundledPhrases() {
        return withBundledPhrases(Map.of());
    }

    public Classification classify(String reply) {
        ReplyText text = ReplyText.of(reply);
        List<String> tokens = text.tokens();
        List<Lexicon.Match> matches = lexicon.matches(tokens);
        Set<Integer> matched = new HashSet<>();
        for (Lexicon.Match match : matches) {
            for (int i = match.start(); i < match.end(); i++) {
                matched.add(i);
            }
        }
        int yes = 0;
        int no = 0;
        Interest last = null;
        boolean question = text.questionMark();
        boolean optOut = false;
        for (Lexicon.Match match : matches) {
            switch (match.cue()) {
                case INTERESTED -> {
                    if (negated(tokens, match.start(), matched)) {
                        no++;
                        last = Interest.NOT_INTERESTED;
                    } else {
                        yes++;
                        last = Interest.INTERESTED;
                    }
                }
                case NOT_INTERESTED, OPT_OUT -> {
                    no++;
                    last = Interest.NOT_INTERESTED;
                    optOut |= match.cue() == Cue.OPT_OUT;
                }
                case QUESTION -> question = true;
                case NEUTRAL -> {
                }
            }
        }
        Interest interest;
        if (yes != no) {
            interest = yes > no ? Interest.INTERESTED : Interest.NOT_INTERESTED;
        } else if (last != null) {
            interest = last;
        } else {
            interest = question ? Interest.QUESTION : Interest.UNKNOWN;
        }
        return new Classification(interest, optOut);
    }

    /**
     * A template quick-reply button: decided by its payload when the payload is one of the
     * conventional ones ({@code INTERESTED}, {@code NOT_INTERESTED}, {@code MORE_INFO}, {@code STOP} …),
     * otherwise by its text.
     */
    public Classification classifyButton(String payload, String text) {
        return QuickReplyPayload.decode(payload).orElseGet(() -> classify(text != null && !text.isBlank() ? text : payload));
    }

    /** The payloads to give a template's quick-reply buttons, from their texts ({@link QuickReplyPayload#encode}). */
    public List<String> quickReplyPayloads(List<String> buttonTexts) {
        List<String> payloads = new ArrayList<>(buttonTexts.size());
        for (int i = 0; i < buttonTexts.size(); i++) {
            payloads.add(QuickReplyPayload.encode(classifyButton(null, buttonTexts.get(i)), i));
        }
        return List.copyOf(payloads);
    }

    private static boolean negated(List<String> tokens, int start, Set<Integer> matched) {
        for (int i = start - 1; i >= Math.max(0, start - NEGATION_WINDOW); i--) {
            if (ReplyText.boundary(tokens, i)) {
                return false;
            }
            if (!matched.contains(i) && NEGATIONS.contains(tokens.get(i))) {
                return true;
            }
        }
        return false;
    }
}
