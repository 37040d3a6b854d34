package com.atsplatform.communications.classification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A reply cut into comparable tokens: lower case, accents dropped, stretched letters squeezed
 * ("Síííí" and "si" are the same word), apostrophes dropped ("don't" = "dont"), chat
 * abbreviations spelt out ("q" = "que"), emoji kept as one token each (without skin tone),
 * and clause punctuation kept as {@link #BOUNDARY} tokens.
 */
record ReplyText(List<String> tokens, boolean questionMark) {

    static final String BOUNDARY = "|";

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("q", "que"), Map.entry("k", "que"), Map.entry("ke", "que"),
            Map.entry("xq", "porque"), Map.entry("pq", "porque"), Map.entry("porq", "porque"),
            Map.entry("d", "de"), Map.entry("ps", "pues"), Map.entry("tmb", "tambien"), Map.entry("tb", "tambien"),
            Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("thx", "thanks"),
            Map.entry("u", "you"), Map.entry("r", "are"));

    /**
     * Forms of address that say nothing about the answer ("no chamo", "sí po", "mae, ¿cuál es el
     * horario?"): dropped, so the words around them meet. By region: chamo/chama (Venezuela),
     * mae (Costa Rica), po (Chile), che (Argentina, Uruguay), guey/wey/compa (Mexico), causa (Peru),
     * parce/parcero (Colombia), bro/mano/amigo/amiga (everywhere).
     */
    private static final Set<String> VOCATIVES = Set.of("chamo", "chama", "mae", "po", "che", "guey", "wey", "compa", "causa",
            "parce", "parcero", "parcera", "bro", "mano", "manito", "amigo", "amiga", "joven");

    /**
     * Each Latin letter folded as NFD would, in lower case and without its accent ("Ñ" → "n"), read
     * from a table: normalising the whole reply would cost more than the rest of the classification.
     */
    private static final char[] FOLD = new char[0x250];

    static {
        for (char c = 0; c < FOLD.length; c++) {
            String decomposed = Normalizer.normalize(String.valueOf(Character.toLowerCase(c)), Normalizer.Form.NFD);
            FOLD[c] = decomposed.charAt(0);
        }
    }

    static ReplyText of(String text) {
        String folded = text == null ? "" : text;
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean questionMark = false;
        for (int i = 0; i < folded.length();) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            c = c < FOLD.length ? FOLD[c] : Character.toLowerCase(c);
            if (Character.isLetterOrDigit(c)) {
                if (!Character.isLetter(c) || word.isEmpty() || word.codePointBefore(word.length()) != c) {
                    word.appendCodePoint(c);
                }
            } else if (c == '\'' || c == '’' || ignorable(c)) {
                continue;
            } else {
                flush(word, tokens);
                if (c == '?' || c == '¿') {
                    questionMark = true;
                }
                if (",.;:!?¡¿…\n\r".indexOf(c) >= 0) {
                    if (!tokens.isEmpty() && !BOUNDARY.equals(tokens.get(tokens.size() - 1))) {
                        tokens.add(BOUNDARY);
                    }
                } else if (!Character.isWhitespace(c) && symbol(c)) {
                    tokens.add(new String(Character.toChars(c)));
                }
            }
        }
        flush(word, tokens);
        return new ReplyText(Collections.unmodifiableList(tokens), questionMark);
    }

    static boolean boundary(List<String> tokens, int index) {
        return index < 0 || index >= tokens.size() || BOUNDARY.equals(tokens.get(index));
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            String token = word.toString();
            if (!VOCATIVES.contains(token)) {
                tokens.add(ABBREVIATIONS.getOrDefault(token, token));
            }
            word.setLength(0);
        }
    }

    /** Accents, variation selectors, zero-width joiners and skin-tone modifiers. */
    private static boolean ignorable(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (c >= 0x1F3FB && c <= 0x1F3FF);
    }

    private static boolean symbol(int c) {
        int type = Character.getType(c);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL;
    }
}
