package com.atsplatform.communications.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The classifier bean, with the phrase the test profile adds by configuration. */
@QuarkusTest
class ClassifierWiringTest {

    @Inject
    InterestClassifier classifier;

    @Test
    void configuredPhrasesExtendTheBundledOnes() {
        assertEquals(Interest.INTERESTED, classifier.classify("¡Me le mido!").interest());
        assertEquals(Interest.NOT_INTERESTED, classifier.classify("No me interesa").interest());
    }
}
