package com.atsplatform.communications.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phrases and what they signal, in a token trie. A phrase written {@code ^paso$} only matches a
 * whole clause; {@code ^} alone anchors its start, {@code $} alone its end.
 */
final class Lexicon {

    /** A match: what it signals, the tokens [start, end) it covers, and its phrase in quotes (for a reason). */
    record Match(Cue cue, int start, int end, String quoted) {
    }

    private record Entry(Cue cue, boolean anchoredStart, boolean anchoredEnd, String quoted) {
    }

    private static final class Node {
        final Map<String, Node> next = new HashMap<>();
        final List<Entry> entries = new ArrayList<>(1);
    }

    private final Node root = new Node();
    private int size;

    /** Reads {@code label<TAB>phrase} lines; blank lines and {@code #} comments are skipped. */
    void load(InputStream resource, String name) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalArgumentException(name + ":" + number + ": expected label<TAB>phrase");
                }
                add(Cue.valueOf(line.substring(0, tab).strip().toUpperCase(Locale.ROOT)), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Cue cue, String phrase) {
        String text = phrase.strip();
        boolean anchoredStart = text.startsWith("^");
        boolean anchoredEnd = text.endsWith("$") && text.length() > 1;
        text = text.substring(anchoredStart ? 1 : 0, text.length() - (anchoredEnd ? 1 : 0));
        List<String> tokens = ReplyText.of(text).tokens();
        if (tokens.isEmpty() || tokens.contains(ReplyText.BOUNDARY)) {
            throw new IllegalArgumentException("Not a phrase: '" + phrase + "'");
        }
        Node node = root;
        for (String token : tokens) {
            node = node.next.computeIfAbsent(token, t -> new Node());
        }
        node.entries.add(new Entry(cue, anchoredStart, anchoredEnd, "\"" + String.join(" ", tokens) + "\""));
        size++;
    }

    int size() {
        return size;
    }

    /** Left to right, the longest phrase starting at each position; matched tokens are not reused. */
    List<Match> matches(List<String> tokens) {
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match longest = longestAt(tokens, i);
            if (longest == null) {
                i++;
            } else {
                matches.add(longest);
                i = longest.end();
            }
        }
        return matches;
    }

    private Match longestAt(List<String> tokens, int start) {
        Match longest = null;
        Node node = root;
        boolean clauseStart = ReplyText.boundary(tokens, start - 1);
        for (int end = start; end < tokens.size() && node != null; end++) {
            node = node.next.get(tokens.get(end));
            if (node == null) {
                break;
            }
            boolean clauseEnd = ReplyText.boundary(tokens, end + 1);
            for (Entry entry : node.entries) {
                if ((!entry.anchoredStart() || clauseStart) && (!entry.anchoredEnd() || clauseEnd)) {
                    longest = new Match(entry.cue(), start, end + 1, entry.quoted());
                    break;
                }
            }
        }
        return longest;
    }
}
