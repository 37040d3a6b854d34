package com.atsplatform.communications.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.graph.GraphApi;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class WhatsAppGatewayLiveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MESSAGES = "/v21.0/" + LiveGraphProfile.PHONE_NUMBER_ID + "/messages";
    private static final String TEMPLATES = "/v21.0/" + LiveGraphProfile.BUSINESS_ACCOUNT_ID + "/message_templates";
    private static final String ACCEPTED = """
            {"messaging_product":"whatsapp","contacts":[{"input":"+573001234567","wa_id":"573001234567"}],
             "messages":[{"id":"wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=","message_status":"accepted"}],
             "a_field_meta_added_later":{"nested":[1,2,3]}}""";
    private static final MessageTemplate JOB_OPPORTUNITY = new MessageTemplate("job_opportunity", "es", "APPROVED", "UTILITY", 2,
            "POSITIONAL", List.of("Sí, me interesa", "No, gracias", "Más información"), null);

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    WhatsAppGateway gateway;

    @Inject
    TemplateCatalog catalog;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void resetStandIn() {
        graph.resetAll();
    }

    @AfterEach
    void resetBreakers() {
        breakers.resetAll();
    }

    @Test
    void templateMessageIsPostedExactlyAsMetaExpects() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED)));
        UUID communication = UUID.randomUUID();

        SendOutcome outcome = gateway.sendTemplate(communication, "+573001234567", JOB_OPPORTUNITY, List.of("Ana", "Backend developer"),
                List.of("INTERESTED", "NOT_INTERESTED", "MORE_INFO"))
                .await().atMost(WAIT);

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA="));
        graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + LiveGraphProfile.ACCESS_TOKEN))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+573001234567","type":"template",
                         "template":{"name":"job_opportunity","language":{"code":"es"},"components":[
                           {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"Backend developer"}]},
                           {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"INTERESTED"}]},
                           {"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"NOT_INTERESTED"}]},
                           {"type":"button","sub_type":"quick_reply","index":"2","parameters":[{"type":"payload","payload":"MORE_INFO"}]}]},
                         "biz_opaque_callback_data":"%s"}""".formatted(communication))));
    }

    @Test
    void textMessageIsPostedExactlyAsMetaExpects() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED)));
        UUID communication = UUID.randomUUID();

        SendOutcome outcome = gateway.sendText(communication, "+573001234567", "¿Puedes mañana a las 10? 🙂").await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + LiveGraphProfile.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+573001234567","type":"text",
                         "text":{"preview_url":false,"body":"¿Puedes mañana a las 10? 🙂"},
                         "biz_opaque_callback_data":"%s"}""".formatted(communication))));
    }

    @Test
    void finalErrorBecomesTypedRejectionWithoutRetry() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"(#132000) Number of parameters does not match the expected number of params",
                 "type":"OAuthException","code":132000,
                 "error_data":{"messaging_product":"whatsapp","details":"body: number of localizable_params (2) does not match the expected number of params (3)"},
                 "fbtrace_id":"AbCdEf123"}}""")));

        SendOutcome outcome = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", JOB_OPPORTUNITY, List.of("Ana", "Dev"), List.of())
                .await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        MetaError error = ((SendOutcome.Rejected) outcome).error();
        assertThat(error.code()).isEqualTo(132000);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.details()).contains("does not match");
        assertThat(error.fbtraceId()).isEqualTo("AbCdEf123");
        assertThat(error.retryable()).isFalse();
        graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void throttlingIsRetriedAndTheMessageAcceptedExactlyOnce() {
        String throttled = """
                {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"T1"}}""";
        graph.stubFor(post(MESSAGES).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(throttled))
                .willSetStateTo("second"));
        graph.stubFor(post(MESSAGES).inScenario("throttle").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(throttled))
                .willSetStateTo("recovered"));
        graph.stubFor(post(MESSAGES).inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(okJson(ACCEPTED)).willSetStateTo("accepted-once"));

        SendOutcome outcome = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        graph.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(graph.getAllScenarios().getScenarios().get(0).getState()).isEqualTo("accepted-once");
    }

    @Test
    void serverErrorsOpenTheBreakerAndLiveModeDefersWithTheLastError() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"An unknown error occurred","type":"OAuthException","code":1,"fbtrace_id":"E1"}}""")));

        SendOutcome first = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(WAIT);
        assertThat(first).isInstanceOf(SendOutcome.Deferred.class);
        assertThat(((SendOutcome.Deferred) first).lastError().code()).isEqualTo(1);
        assertThat(((SendOutcome.Deferred) first).outcomeUnknown()).isFalse();
        graph.verify(4, postRequestedFor(urlEqualTo(MESSAGES)));

        for (int i = 0; i < 5 && breakers.currentState(GraphApi.SEND_BREAKER) != CircuitBreakerState.OPEN; i++) {
            gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(WAIT);
        }
        assertThat(breakers.currentState(GraphApi.SEND_BREAKER)).as("the breaker opens after repeated failures")
                .isEqualTo(CircuitBreakerState.OPEN);
        int reachedGraph = graph.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size();

        SendOutcome whileOpen = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(WAIT);

        assertThat(whileOpen).isInstanceOf(SendOutcome.Deferred.class);
        assertThat(((SendOutcome.Deferred) whileOpen).reachedMeta()).as("refused by the open breaker, not by Meta").isFalse();
        graph.verify(reachedGraph, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void timeoutDefersWithoutRetryBecauseMetaMayHaveAcceptedIt() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED).withFixedDelay(2500)));

        SendOutcome outcome = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(SendOutcome.Deferred.class);
        assertThat(((SendOutcome.Deferred) outcome).outcomeUnknown()).isTrue();
        graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void templatesAreReadAcrossEveryPage() {
        graph.stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("""
                        {"data":[
                          {"name":"job_opportunity","language":"es","status":"APPROVED","category":"UTILITY","id":"1","parameter_format":"POSITIONAL",
                           "components":[{"type":"BODY","text":"Hola {{1}}, ¿te interesa {{2}}?","example":{"body_text":[["Ana","QA"]]}},
                                         {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Sí"},{"type":"URL","text":"Ver","url":"https://x"}]}],
                           "quality_score":{"score":"GREEN"}},
                          {"name":"reminder","language":"en_US","status":"PAUSED","category":"MARKETING","id":"2",
                           "components":[{"type":"BODY","text":"Hi {{name}} and {{name}} again"}]}],
                         "paging":{"cursors":{"before":"B1","after":"CURSOR_1"},"next":"https://graph.facebook.com/v21.0/WABA_ID/message_templates?after=CURSOR_1"}}""")));
        graph.stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("after", equalTo("CURSOR_1"))
                .willReturn(okJson("""
                        {"data":[{"name":"interview","language":"es","status":"APPROVED","category":"UTILITY","id":"3",
                                  "components":[{"type":"BODY","text":"Entrevista el {{1}} a las {{2}} en {{3}}"}]}],
                         "paging":{"cursors":{"before":"B2","after":"CURSOR_2"}}}""")));

        List<MessageTemplate> templates = catalog.refresh().await().atMost(WAIT);

        assertThat(gateway.listTemplates().await().atMost(WAIT)).isEqualTo(templates);

        assertThat(templates).extracting(MessageTemplate::name).containsExactly("job_opportunity", "reminder", "interview");
        assertThat(templates.get(0).parameterCount()).isEqualTo(2);
        assertThat(templates.get(0).quickReplyButtons()).containsExactly("Sí");
        assertThat(templates.get(1).parameterCount()).isEqualTo(1);
        assertThat(templates.get(1).approved()).isFalse();
        assertThat(templates.get(2).parameterCount()).isEqualTo(3);
        graph.verify(2, getRequestedFor(urlPathEqualTo(TEMPLATES))
                .withHeader("Authorization", equalTo("Bearer " + LiveGraphProfile.ACCESS_TOKEN))
                .withQueryParam("fields", equalTo("name,language,status,category,components,parameter_format")));
    }

    @Test
    void unknownTemplateRefreshesTheCatalogAtOnce() {
        graph.stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(okJson("{\"data\":[]}")));
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"(#132001) Template name does not exist in the translation","type":"OAuthException","code":132001,
                 "error_data":{"messaging_product":"whatsapp","details":"template name (job_opportunity) does not exist in es"},"fbtrace_id":"X"}}""")));

        SendOutcome outcome = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", JOB_OPPORTUNITY, List.of("Ana", "QA"), List.of())
                .await().atMost(WAIT);

        assertThat(((SendOutcome.Rejected) outcome).error().code()).isEqualTo(132001);
        await().atMost(WAIT).untilAsserted(() -> graph.verify(1, getRequestedFor(urlPathEqualTo(TEMPLATES))));
    }

    @Test
    void connectionCheckReadsTheSenderNumber() {
        graph.stubFor(get(urlPathEqualTo("/v21.0/" + LiveGraphProfile.PHONE_NUMBER_ID)).willReturn(okJson("""
                {"verified_name":"ATS Platform","display_phone_number":"+1 555-000-1111","quality_rating":"GREEN",
                 "id":"PHONE_NUMBER_ID","code_verification_status":"VERIFIED"}""")));

        ConnectionStatus status = gateway.testConnection().await().atMost(WAIT);

        assertThat(status.connected()).isTrue();
        assertThat(status.displayPhoneNumber()).isEqualTo("+1 555-000-1111");
        assertThat(status.qualityRating()).isEqualTo("GREEN");
    }

    @Test
    void connectionCheckReportsAnInvalidToken() {
        graph.stubFor(get(urlPathEqualTo("/v21.0/" + LiveGraphProfile.PHONE_NUMBER_ID)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token","type":"OAuthException","code":190,"fbtrace_id":"Z"}}""")));

        ConnectionStatus status = gateway.testConnection().await().atMost(WAIT);

        assertThat(status.connected()).isFalse();
        assertThat(status.error().code()).isEqualTo(190);
    }
}
