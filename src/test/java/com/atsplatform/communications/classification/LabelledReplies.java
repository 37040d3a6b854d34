package com.atsplatform.communications.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * A labelled reply file ({@code label<TAB>text}, optionally {@code <TAB>region}, with a header line)
 * and a classifier's score on it.
 */
record LabelledReplies(List<Interest> labels, List<String> texts) {

    static LabelledReplies read(Path file) {
        try {
            List<Interest> labels = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                labels.add(Interest.valueOf(line.substring(0, tab).toUpperCase(Locale.ROOT)));
                int end = line.indexOf('\t', tab + 1);
                texts.add(end < 0 ? line.substring(tab + 1) : line.substring(tab + 1, end));
            }
            return new LabelledReplies(labels, texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Score score(InterestClassifier classifier) {
        Map<Interest, Map<Interest, Integer>> confusion = new EnumMap<>(Interest.class);
        List<String> misses = new ArrayList<>();
        int correct = 0;
        for (int i = 0; i < texts.size(); i++) {
            Interest predicted = classifier.classify(texts.get(i)).interest();
            confusion.computeIfAbsent(labels.get(i), l -> new EnumMap<>(Interest.class)).merge(predicted, 1, Integer::sum);
            if (predicted == labels.get(i)) {
                correct++;
            } else {
                misses.add(labels.get(i) + " -> " + predicted + ": " + texts.get(i));
            }
        }
        return new Score((double) correct / texts.size(), confusion, misses);
    }

    record Score(double accuracy, Map<Interest, Map<Interest, Integer>> confusion, List<String> misses) {

        /** Rows: true label; columns: predicted. */
        String confusionTable() {
            StringBuilder table = new StringBuilder(String.format("%-16s", "true \\ predicted"));
            for (Interest column : Interest.values()) {
                table.append(String.format("%16s", column.name().toLowerCase(Locale.ROOT)));
            }
            for (Interest row : Interest.values()) {
                table.append(System.lineSeparator()).append(String.format("%-16s", row.name().toLowerCase(Locale.ROOT)));
                for (Interest column : Interest.values()) {
                    table.append(String.format("%16d", confusion.getOrDefault(row, Map.of()).getOrDefault(column, 0)));
                }
            }
            return table.toString();
        }
    }
}
