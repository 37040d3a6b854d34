package com.atsplatform.communications.classification;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Phrases added to the bundled lexicon ({@code classification/*.tsv}) without a release, e.g.
 * {@code CLASSIFIER_EXTRA_PHRASES_INTERESTED="me le mido,cuenten conmigo"}. Same syntax as the
 * files: {@code ^} anchors a phrase to the start of a clause, {@code $} to its end.
 */
@ConfigMapping(prefix = "classifier")
public interface ClassifierConfig {

    ExtraPhrases extraPhrases();

    interface ExtraPhrases {

        /** Phrases that mean the candidate is interested. */
        Optional<List<String>> interested();

        /** Phrases that mean the candidate is not interested. */
        Optional<List<String>> notInterested();

        /** Phrases that ask something. */
        Optional<List<String>> question();

        /** Phrases that ask not to be contacted again. */
        Optional<List<String>> optOut();

        /** Phrases whose words must signal nothing. */
        Optional<List<String>> neutral();
    }
}
