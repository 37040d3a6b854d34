package com.atsplatform.communications.classification;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

class ClassifierProducer {

    private static final Logger LOG = Logger.getLogger(ClassifierProducer.class);

    @Produces
    @Singleton
    InterestClassifier interestClassifier(ClassifierConfig config) {
        ClassifierConfig.ExtraPhrases extra = config.extraPhrases();
        Map<Cue, List<String>> phrases = new EnumMap<>(Cue.class);
        put(phrases, Cue.INTERESTED, extra.interested());
        put(phrases, Cue.NOT_INTERESTED, extra.notInterested());
        put(phrases, Cue.QUESTION, extra.question());
        put(phrases, Cue.OPT_OUT, extra.optOut());
        put(phrases, Cue.NEUTRAL, extra.neutral());
        InterestClassifier classifier = InterestClassifier.withBundledPhrases(phrases);
        LOG.debugf("Reply classifier ready with %d configured extra phrases", phrases.values().stream().mapToInt(List::size).sum());
        return classifier;
    }

    private static void put(Map<Cue, List<String>> phrases, Cue cue, Optional<List<String>> configured) {
        configured.ifPresent(list -> phrases.put(cue, list));
    }
}
