package com.atsplatform.communications.classification;

import static com.atsplatform.communications.classification.Interest.INTERESTED;
import static com.atsplatform.communications.classification.Interest.NOT_INTERESTED;
import static com.atsplatform.communications.classification.Interest.QUESTION;
import static com.atsplatform.communications.classification.Interest.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


class InterestClassifierTest {

    private final InterestClassifier classifier = InterestClassifier.withBundledPhrases();

    private Interest interest(String reply) {
        return classifier.classify(reply).interest();
    }

    @ParameterizedTest
    @ValueSource(strings = { "SÍ", "si", "Síííí", "siiii", "sí, claro", "Claaaro", "ME INTERESA" })
    void accentsCaseAndStretchedLettersDoNotMatter(String reply) {
        assertEquals(INTERESTED, interest(reply));
    }

    @ParameterizedTest
    @ValueSource(strings = { "nooo", "NO", "Nooooo gracias", "no." })
    void stretchedNoIsNo(String reply) {
        assertEquals(NOT_INTERESTED, interest(reply));
    }

    @ParameterizedTest
    @ValueSource(strings = { "de una", "hágale", "listo", "dale", "De una parce", "hagale pues", "Listo 👍" })
    void colombianYesWords(String reply) {
        assertEquals(INTERESTED, interest(reply));
    }

    @Test
    void negationTurnsInterestAround() {
        assertEquals(INTERESTED, interest("me interesa"));
        assertEquals(NOT_INTERESTED, interest("no me interesa"));
        assertEquals(NOT_INTERESTED, interest("No estoy interesada"));
        assertEquals(NOT_INTERESTED, interest("claro que no"));
        assertEquals(INTERESTED, interest("claro que sí"));
        assertEquals(NOT_INTERESTED, interest("not interested"));
        assertEquals(NOT_INTERESTED, interest("I'm not available"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "paso", "Paso, gracias", "ya conseguí trabajo", "por ahora no", "Ya encontré empleo",
            "Gracias, pero no", "estoy bien donde estoy" })
    void politeRefusals(String reply) {
        assertEquals(NOT_INTERESTED, interest(reply));
    }

    @Test
    void emojiAnswers() {
        assertEquals(INTERESTED, interest("👍"));
        assertEquals(INTERESTED, interest("👍🏽"));
        assertEquals(NOT_INTERESTED, interest("👎🏻"));
        assertEquals(UNKNOWN, interest("😊"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "¿Cuál es el salario?", "cual es el salario", "Es presencial?", "donde queda",
            "Me puede dar más información", "What company is this", "Is it remote?" })
    void questionsWithOrWithoutQuestionMarks(String reply) {
        assertEquals(QUESTION, interest(reply));
    }

    @Test
    void explicitAnswerWinsOverQuestion() {
        assertEquals(INTERESTED, interest("Sí, me interesa. ¿Cuándo es la entrevista?"));
        assertEquals(NOT_INTERESTED, interest("¿Es presencial? Si es así no me interesa"));
        assertEquals(INTERESTED, interest("Yes! What's the salary?"));
    }

    @Test
    void mixedAnswerGoesToWhatWasSaidLast() {
        assertEquals(NOT_INTERESTED, interest("Me interesa pero no puedo en este momento"));
        assertEquals(INTERESTED, interest("No sé... bueno, sí, me interesa"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Hola", "Buenas noches", "Ok gracias", "Voy a pensarlo", "No sé", "", "   " })
    void greetingsAcknowledgementsAndHesitationsAreUnknown(String reply) {
        assertEquals(UNKNOWN, interest(reply));
    }

    @Test
    void nullReplyIsUnknown() {
        assertEquals(UNKNOWN, interest(null));
    }

    @Test
    void optOutIsASeparateSignal() {
        Classification stop = classifier.classify("STOP");
        assertTrue(stop.optOut());
        assertEquals(NOT_INTERESTED, stop.interest());
        assertTrue(classifier.classify("Por favor no me escriban más").optOut());
        assertTrue(classifier.classify("BAJA").optOut());
        assertTrue(classifier.classify("unsubscribe").optOut());
        assertFalse(classifier.classify("No me interesa").optOut());
        assertFalse(classifier.classify("Paso a paso le cuento, ¿dónde es?").optOut());
    }

    @Test
    void buttonsAreDecidedByPayloadThenText() {
        assertEquals(INTERESTED, classifier.classifyButton("INTERESTED", "Whatever the text says").interest());
        assertEquals(NOT_INTERESTED, classifier.classifyButton("not-interested", "Sí").interest());
        assertEquals(QUESTION, classifier.classifyButton("MORE_INFO", "Más información").interest());
        assertTrue(classifier.classifyButton("STOP", "Dejar de recibir").optOut());
        assertEquals(INTERESTED, classifier.classifyButton("btn_1", "Sí, me interesa").interest());
        assertEquals(NOT_INTERESTED, classifier.classifyButton("btn_2", "No me interesa").interest());
    }

    @Test
    void quickReplyButtonsGetPayloadsThatSayWhatPressingThemMeans() {
        List<String> payloads = classifier.quickReplyPayloads(List.of("Sí, me interesa", "No, gracias", "Más información",
                "No me escriban más", "Ver la oferta"));

        assertEquals(List.of("INTERESTED", "NOT_INTERESTED", "MORE_INFO", "STOP", "BUTTON_4"), payloads);
    }

    @Test
    void aPayloadTheServiceGaveIsReadBackWithTheMeaningOfItsButton() {
        List<String> texts = List.of("Sí, me interesa", "No, gracias", "Más información", "No me escriban más");
        List<String> payloads = classifier.quickReplyPayloads(texts);
        for (int i = 0; i < texts.size(); i++) {
            // Pressed with a text that says nothing, the payload alone must carry the meaning.
            Classification byText = classifier.classifyButton(null, texts.get(i));
            Classification byPayload = classifier.classifyButton(payloads.get(i), "ok");
            assertEquals(byText.interest(), byPayload.interest(), texts.get(i));
            assertEquals(byText.optOut(), byPayload.optOut(), texts.get(i));
        }
    }

    @Test
    void afterAContrastTheYesOrNoThatFollowsDecides() {
        assertEquals(NOT_INTERESTED, interest("Muchas gracias por la oportunidad, pero ya tengo empleo"));
        assertEquals(NOT_INTERESTED, interest("me parece interesante pero no puedo mudarme"));
        assertEquals(INTERESTED, interest("no tengo mucha experiencia pero me interesa"));
        assertEquals(NOT_INTERESTED, interest("thanks so much, but I'm not interested"));
        // Nothing decisive after it: the rest decides.
        assertEquals(INTERESTED, interest("me interesa, pero antes quiero ver el contrato"));
        assertEquals("after \"pero\": \"ya tengo empleo\"", classifier.classify("gracias, pero ya tengo empleo").reason());
    }

    @Test
    void yesAndNoWithNoContrastToDecideIsUnknown() {
        Classification both = classifier.classify("claro, no puedo");
        assertEquals(UNKNOWN, both.interest());
        assertEquals("both \"claro\" and \"no puedo\"", both.reason());
    }

    @Test
    void anInterrogativeAfterLeadInsOrAVerbOfAskingIsAQuestionWithoutAQuestionMark() {
        assertEquals(QUESTION, interest("y para cuando seria el inicio"));
        assertEquals(QUESTION, interest("disculpe y con quien debo hablar"));
        assertEquals(QUESTION, interest("hola buenas tardes, desde cuando seria"));
        assertEquals(QUESTION, interest("me pueden decir donde es la entrevista"));
        assertEquals(QUESTION, interest("and how much is the pay"));
        assertEquals(QUESTION, interest("turno de mañana o de tarde"));
        assertEquals("interrogative \"y para cuando\"", classifier.classify("y para cuando seria el inicio").reason());
        // A relative "que" deep in a statement is none.
        assertEquals(UNKNOWN, interest("le escribo mañana lo que decida"));
    }

    @Test
    void anExclamativeQueIsNoQuestion() {
        assertEquals(INTERESTED, interest("¡Qué bueno! me interesa"));
        assertEquals(UNKNOWN, interest("qué pena, estaba ocupado"));
        assertEquals(INTERESTED, interest("que bien"));
    }

    @Test
    void idiomaticRefusalsWithNiAreNo() {
        assertEquals(NOT_INTERESTED, interest("ni de broma"));
        assertEquals(NOT_INTERESTED, interest("ni muerta trabajo ahí"));
        assertEquals(UNKNOWN, interest("ni idea"));
    }

    @Test
    void formsOfAddressAreIgnored() {
        assertEquals(NOT_INTERESTED, interest("no parce"));
        assertEquals(INTERESTED, interest("sí bro"));
        assertEquals(QUESTION, interest("compa y cuanto pagan"));
    }

    @Test
    void regionalYesAndNoAreUnderstood() {
        assertEquals(INTERESTED, interest("órale pues"));
        assertEquals(INTERESTED, interest("buenísimo, me copa"));
        assertEquals(INTERESTED, interest("ya po, al tiro"));
        assertEquals(INTERESTED, interest("pura vida mae"));
        assertEquals(NOT_INTERESTED, interest("nel"));
        assertEquals(NOT_INTERESTED, interest("ni ahí con esa pega"));
    }

    @Test
    void everyAnswerNamesWhatDecidedIt() {
        assertEquals("\"no me interesa\"", classifier.classify("No me interesa").reason());
        assertEquals("\"no\" before \"interesado\"", classifier.classify("no estoy interesado").reason());
        assertEquals("\"?\"", classifier.classify("¿Y el salario?").reason());
        assertEquals("nothing decided", classifier.classify("Buenas tardes").reason());
    }

    @Test
    void extraPhrasesExtendTheLexicon() {
        assertEquals(UNKNOWN, interest("me le mido"));
        InterestClassifier extended = InterestClassifier.withBundledPhrases(Map.of(Cue.INTERESTED, List.of("me le mido")));
        assertEquals(INTERESTED, extended.classify("Me le mido!").interest());
        assertEquals(NOT_INTERESTED, extended.classify("no me le mido").interest());
    }
}
