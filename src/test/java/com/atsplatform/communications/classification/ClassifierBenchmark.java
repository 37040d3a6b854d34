package com.atsplatform.communications.classification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run by {@code bench/classifier.sh}: accuracy and confusion matrix on each labelled file given,
 * then the time per reply over all of their replies (median of several timed rounds after a warm-up).
 */
public final class ClassifierBenchmark {

    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 1_000_000_000L;

    public static void main(String[] args) {
        long built = System.nanoTime();
        InterestClassifier classifier = InterestClassifier.withBundledPhrases();
        System.out.printf("classifier built in %.1f ms%n", (System.nanoTime() - built) / 1e6);

        List<String> replies = new ArrayList<>();
        for (String file : args) {
            LabelledReplies set = LabelledReplies.read(Path.of(file));
            LabelledReplies.Score score = set.score(classifier);
            System.out.printf("%n%s: %d replies, accuracy %.3f%n%s%n", file, set.texts().size(), score.accuracy(),
                    score.confusionTable());
            score.misses().forEach(miss -> System.out.println("  miss: " + miss));
            replies.addAll(set.texts());
        }

        String[] batch = replies.toArray(String[]::new);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            timeRound(classifier, batch); // warm-up: JIT compiles the hot path
        }
        double[] nanosPerReply = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            nanosPerReply[round] = timeRound(classifier, batch);
        }
        Arrays.sort(nanosPerReply);
        System.out.printf("%ntime per reply over %d replies: median %.0f ns (min %.0f, max %.0f), %d rounds of ~1 s%n",
                batch.length, nanosPerReply[ROUNDS / 2], nanosPerReply[0], nanosPerReply[ROUNDS - 1], ROUNDS);
    }

    /** Classifies the batch repeatedly for about a second; returns nanoseconds per reply. */
    private static double timeRound(InterestClassifier classifier, String[] batch) {
        long start = System.nanoTime();
        long classified = 0;
        int sink = 0;
        while (System.nanoTime() - start < ROUND_NANOS) {
            for (String reply : batch) {
                sink += classifier.classify(reply).interest().ordinal();
            }
            classified += batch.length;
        }
        long elapsed = System.nanoTime() - start;
        if (sink == Integer.MIN_VALUE) {
            System.out.print("");
        }
        return (double) elapsed / classified;
    }
}
