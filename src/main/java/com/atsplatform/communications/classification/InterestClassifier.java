package com.atsplatform.communications.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * Rule-based reply classifier for Spanish (across Latin America) and English. Pure Java, no I/O
 * after construction, thread-safe, deterministic; every answer names what decided it.
 * <ol>
 * <li>The reply is tokenised ({@link ReplyText}) and the lexicon's phrases are matched, longest
 * first (general and regional Spanish, English, emoji).</li>
 * <li>An "interested" phrase with a negation shortly before it in the same clause ("no estoy
 * interesado", "not interested") counts as "not interested".</li>
 * <li>Contrast: after the last "pero"/"but"/"sin embargo"/"however", a yes or no decides alone
 * ("gracias, pero ya encontré trabajo", "no sé mucho del tema, pero me interesa").</li>
 * <li>Explicit answers outweigh questions: only yes is {@code interested}, only no
 * {@code not_interested}; yes and no together with no contrast to decide is {@code unknown}
 * (better a recruiter's look than a wrong move).</li>
 * <li>Without a yes or no: a question mark, a question phrase, or an interrogative after the
 * clause's fillers and prepositions ("y de cuánto es el sueldo", "a qué hora sería") or after a
 * verb of asking ("me dicen cuánto pagan"), but not an exclamative "qué" ("qué bien"), or two
 * options joined by "o" ("presencial o remoto") make it {@code question}; anything else
 * (greetings, thanks, "lo pienso") is {@code unknown}.</li>
 * </ol>
 */
public final class InterestClassifier {

    static final List<String> RESOURCES = List.of("classification/phrases-es.tsv", "classification/phrases-es-regions.tsv",
            "classification/phrases-en.tsv", "classification/emoji.tsv");

    private static final Set<String> NEGATIONS = Set.of("no", "nunca", "jamas", "tampoco", "ni", "not", "never", "dont",
            "doesnt", "isnt", "arent", "cant", "cannot", "wont", "wouldnt", "nor");
    private static final int NEGATION_WINDOW = 3;
    /** After the last of these, a yes or no decides alone. */
    private static final Set<String> CONTRASTS = Set.of("pero", "but", "however", "embargo");
    private static final Set<String> INTERROGATIVES = Set.of("que", "cual", "cuales", "cuanto", "cuanta", "cuantos", "cuantas",
            "cuando", "donde", "adonde", "quien", "quienes", "como", "what", "whats", "where", "when", "which", "who", "how");
    /** Words that may come before an interrogative at the start of a question: "y de cuánto …", "oiga, y a qué hora …". */
    private static final Set<String> LEAD_INS = Set.of("y", "e", "o", "pero", "oiga", "oigan", "oye", "disculpe", "disculpa", "perdon",
            "hola", "buenas", "buenos", "dias", "tardes", "noches", "epa", "epale", "entonces", "bueno", "ok", "oka", "okay", "listo",
            "de", "a", "en", "para", "desde", "con", "por", "hasta", "sobre", "and", "so", "hey", "hi", "hello", "then", "of", "at", "in",
            "for", "from", "about", "to", "with");
    /** Verbs of asking: an interrogative shortly after one is a question ("me dicen cuánto pagan"). */
    private static final Set<String> ASKING = Set.of("decir", "dicen", "dice", "digan", "diga", "dime", "digame", "saber", "sabe",
            "informar", "informan", "explicar", "explican", "pregunto", "preguntar", "tell", "know", "ask", "wondering");
    /** After "qué" these make an exclamation, not a question ("¡qué bien!", "qué pena"). */
    private static final Set<String> EVALUATIVES = Set.of("bien", "bueno", "buena", "buenisimo", "buenisima", "chevere", "padre",
            "bacan", "bacano", "genial", "lindo", "linda", "emocion", "alegria", "pena", "lastima", "mal", "horror", "rico", "chido",
            "chivo", "tuanis", "maravilla", "felicidad", "suerte", "nota", "belleza", "great", "nice", "cool");

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
        boolean[] matched = new boolean[tokens.size()];
        for (Lexicon.Match match : matches) {
            for (int i = match.start(); i < match.end(); i++) {
                matched[i] = true;
            }
        }
        int contrast = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (!matched[i] && CONTRASTS.contains(tokens.get(i))) {
                contrast = i;
            }
        }
        // Each yes or no, as said (a negated yes is a no); those after the contrast decide alone when there are any.
        List<Said> said = new ArrayList<>(matches.size());
        boolean afterContrast = false;
        boolean optOut = false;
        Lexicon.Match questionPhrase = null;
        for (Lexicon.Match match : matches) {
            Said one;
            switch (match.cue()) {
                case INTERESTED -> {
                    int negation = negation(tokens, match.start(), matched);
                    one = new Said(negation < 0 ? Interest.INTERESTED : Interest.NOT_INTERESTED, match, negation);
                }
                case NOT_INTERESTED, OPT_OUT -> {
                    one = new Said(Interest.NOT_INTERESTED, match, -1);
                    optOut |= match.cue() == Cue.OPT_OUT;
                }
                case QUESTION -> {
                    questionPhrase = questionPhrase == null ? match : questionPhrase;
                    continue;
                }
                default -> {
                    continue;
                }
            }
            boolean after = contrast >= 0 && match.start() > contrast;
            if (after && !afterContrast) {
                // The first yes or no after the contrast: what came before no longer decides.
                said.clear();
                afterContrast = true;
            }
            said.add(one);
        }
        Said yes = first(said, Interest.INTERESTED);
        Said no = first(said, Interest.NOT_INTERESTED);
        String prefix = afterContrast ? "after \"" + tokens.get(contrast) + "\": " : "";
        if (no != null && (yes == null || optOut)) {
            return new Classification(Interest.NOT_INTERESTED, optOut, prefix + no.words(tokens));
        }
        if (yes != null && no == null) {
            return new Classification(Interest.INTERESTED, false, prefix + yes.words(tokens));
        }
        if (yes != null) {
            return new Classification(Interest.UNKNOWN, false, "both " + yes.words(tokens) + " and " + no.words(tokens));
        }
        if (text.questionMark()) {
            return new Classification(Interest.QUESTION, false, "\"?\"");
        }
        if (questionPhrase != null) {
            return new Classification(Interest.QUESTION, false, questionPhrase.quoted());
        }
        String interrogative = interrogative(tokens, matched);
        return interrogative != null ? new Classification(Interest.QUESTION, false, interrogative)
                : new Classification(Interest.UNKNOWN, false, "nothing decided");
    }

    /** A yes or a no as the reply said it: its phrase, and the negation that turned a yes around (-1 for none). */
    private record Said(Interest meaning, Lexicon.Match match, int negation) {

        String words(List<String> tokens) {
            return negation < 0 ? match.quoted() : "\"" + tokens.get(negation) + "\" before " + match.quoted();
        }
    }

    private static Said first(List<Said> said, Interest meaning) {
        for (Said one : said) {
            if (one.meaning() == meaning) {
                return one;
            }
        }
        return null;
    }

    /**
     * A question without a question mark: an interrogative after nothing but lead-ins in its clause,
     * or shortly after a verb of asking, and not an exclamation ("qué bien"); or two options joined
     * by "o"/"or". Tokens a phrase matched are skipped.
     *
     * @return why it is one, or null
     */
    private static String interrogative(List<String> tokens, boolean[] matched) {
        boolean leading = true;
        int asking = -10;
        int clauseStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (ReplyText.BOUNDARY.equals(token)) {
                leading = true;
                clauseStart = i + 1;
                continue;
            }
            if (!matched[i] && INTERROGATIVES.contains(token) && (leading || i - asking <= 2)
                    && !(i + 1 < tokens.size() && EVALUATIVES.contains(tokens.get(i + 1)))) {
                return "interrogative \"" + phrase(tokens, clauseStart, i + 1) + "\"";
            }
            if (ASKING.contains(token)) {
                asking = i;
            }
            if (("o".equals(token) || "or".equals(token)) && i - clauseStart >= 1 && !ReplyText.boundary(tokens, i + 1)
                    && !"no".equals(tokens.get(i + 1)) && !"not".equals(tokens.get(i + 1))) {
                return "options \"" + tokens.get(i - 1) + " " + token + " " + tokens.get(i + 1) + "\"";
            }
            leading &= LEAD_INS.contains(token);
        }
        return null;
    }

    private static String phrase(List<String> tokens, int start, int end) {
        return String.join(" ", tokens.subList(start, end));
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

    /** @return the index of a negation shortly before {@code start} in the same clause, or -1 */
    private static int negation(List<String> tokens, int start, boolean[] matched) {
        for (int i = start - 1; i >= Math.max(0, start - NEGATION_WINDOW); i--) {
            if (ReplyText.boundary(tokens, i)) {
                return -1;
            }
            if (!matched[i] && NEGATIONS.contains(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
