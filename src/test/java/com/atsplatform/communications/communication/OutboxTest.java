package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.outbox.OutboxWorker;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Live mode against the Graph stand-in: nothing lost, nothing sent twice. */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SEND = "/api/v1/communications/send";
    private static final String MESSAGES = "/v21.0/PHONE_NUMBER_ID/messages";
    private static final String TEMPLATES = "/v21.0/WABA_ID/message_templates";
    private static final String ACCEPTED = """
            {"messaging_product":"whatsapp","contacts":[{"input":"+573005550101","wa_id":"573005550101"}],
             "messages":[{"id":"wamid.STANDIN%s"}]}""";

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    Pool pool;

    @Inject
    OutboxWorker outbox;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ObjectMapper mapper;

    private TestRows rows;
    private String candidate;
    private String application;

    @BeforeEach
    void standInWithTemplates() {
        graph.resetAll();
        graph.stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(okJson("""
                {"data":[{"name":"job_opportunity","language":"es","status":"APPROVED","category":"UTILITY",
                          "components":[{"type":"BODY","text":"Hola {{1}}, ¿te interesa {{2}}?"},
                                        {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Sí"},{"type":"QUICK_REPLY","text":"No"}]}]}]}""")));
        rows = new TestRows(pool);
        // Rows other tests left pending must not be sent by this test's outbox rounds.
        rows.execute("update communications set status = 'failed' where status = 'pending'", Tuple.tuple());
        candidate = createCandidate("Outbox Test");
        application = createApplication(candidate, "QA");
    }

    @AfterEach
    void resetBreakers() {
        breakers.resetAll();
    }

    @Test
    void outageAnswersPendingAndTheOutboxSendsItOnceMetaRecovers() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));

        String id = asRecruiter().body(send()).when().post(SEND)
                .then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("whatsapp_message_id", equalTo(null))
                .body("next_attempt_at", notNullValue())
                .body("error_message", notNullValue())
                .extract().path("communication_id");
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("new"));

        graph.resetRequests();
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("1"))));
        breakers.resetAll();
        dueNow(id);
        outbox.drain().await().atMost(WAIT);
        outbox.drain().await().atMost(WAIT);

        asRecruiter().when().get("/api/v1/communications/" + id).then()
                .body("status", equalTo("sent"))
                .body("whatsapp_message_id", equalTo("wamid.STANDIN1"))
                .body("error_message", equalTo(null));
        assertThat(requestsFor(id)).isEqualTo(1);
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("contacted"));
    }

    @Test
    void finalErrorFailsAtOnceWithMetasCodeAndIsNotRetriedAutomatically() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,"fbtrace_id":"F"}}""")));

        String id = asRecruiter().body(send()).when().post(SEND)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/meta-rejected"))
                .body("error_code", equalTo(131026))
                .extract().path("communication_id");

        outbox.drain().await().atMost(WAIT);
        assertThat(requestsFor(id)).isEqualTo(1);
        asRecruiter().when().get("/api/v1/communications/" + id).then()
                .body("status", equalTo("failed"))
                .body("error_code", equalTo(131026))
                .body("error_message", equalTo("(#131026) Message undeliverable"));
    }

    @Test
    void manualRetryIsAllowedThreeTimesThenConflict() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"Message undeliverable","code":131026}}""")));
        String id = asRecruiter().body(send()).when().post(SEND).then().statusCode(422).extract().path("communication_id");

        for (int retry = 1; retry <= 3; retry++) {
            asRecruiter().when().post("/api/v1/communications/" + id + "/retry")
                    .then().statusCode(422).body("communication_id", equalTo(id)).body("error_code", equalTo(131026));
        }
        asRecruiter().when().post("/api/v1/communications/" + id + "/retry")
                .then().statusCode(409).body("type", equalTo("https://atsplatform.com/problems/retry-limit-reached"));

        asRecruiter().when().get("/api/v1/communications/" + id).then().body("retry_count", equalTo(3)).body("status", equalTo("failed"));
        assertThat(requestsFor(id)).isEqualTo(4);
    }

    @Test
    void manualRetryOfAFailedMessageCanSucceed() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"Message undeliverable","code":131026}}""")));
        String id = asRecruiter().body(send()).when().post(SEND).then().statusCode(422).extract().path("communication_id");
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("R"))));

        asRecruiter().when().post("/api/v1/communications/" + id + "/retry")
                .then().statusCode(201).body("status", equalTo("sent")).body("retry_count", equalTo(1))
                .body("error_code", equalTo(null));
        asRecruiter().when().post("/api/v1/communications/" + id + "/retry")
                .then().statusCode(409).body("type", equalTo("https://atsplatform.com/problems/not-retryable"));
    }

    @Test
    void retryOfUnknownIsNotFound() {
        asRecruiter().when().post("/api/v1/communications/" + UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    @Test
    void automaticRetriesAreCappedThenTheMessageFails() {
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));
        String id = asRecruiter().body(send()).when().post(SEND).then().statusCode(202).extract().path("communication_id");

        for (int round = 0; round < 3; round++) {
            breakers.resetAll();
            dueNow(id);
            outbox.drain().await().atMost(WAIT);
        }

        Row row = rows.communication(UUID.fromString(id));
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getInteger("send_attempts")).isEqualTo(4);
        assertThat(row.getString("error_message")).contains("HTTP 503");
    }

    @Test
    void twoWorkersOverFiftyDueRowsSendEachExactlyOnce() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template")));
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            due.add(duePendingRow(null));
        }

        var first = outbox.drain().subscribeAsCompletionStage();
        var second = outbox.drain().subscribeAsCompletionStage();
        int dispatched = first.toCompletableFuture().join() + second.toCompletableFuture().join();

        assertThat(dispatched).isEqualTo(50);
        Map<String, Long> perMessage = callbackIds().stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        for (UUID id : due) {
            assertThat(perMessage.get(id.toString())).as("requests for %s", id).isEqualTo(1L);
            assertThat(rows.communication(id).getString("status")).isEqualTo("sent");
        }
    }

    @Test
    void aRowLeftClaimedByADeadWorkerIsSentAfterItsLease() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("L"))));
        UUID expired = duePendingRow("now() - interval '1 second'");
        UUID held = duePendingRow("now() + interval '1 minute'");

        outbox.drain().await().atMost(WAIT);

        assertThat(rows.communication(expired).getString("status")).isEqualTo("sent");
        assertThat(rows.communication(held).getString("status")).isEqualTo("pending");
        assertThat(requestsFor(held.toString())).isZero();
    }

    @Test
    void optedOutCandidateIsNotSentByTheOutbox() {
        UUID id = duePendingRow(null);
        rows.execute("update candidates set whatsapp_opt_out = true where id = $1", Tuple.of(UUID.fromString(candidate)));

        outbox.drain().await().atMost(WAIT);

        assertThat(rows.communication(id).getString("status")).isEqualTo("failed");
        assertThat(requestsFor(id.toString())).isZero();
    }

    private String send() {
        return """
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","QA"]}"""
                .formatted(application, candidate);
    }

    private void dueNow(String id) {
        rows.execute("update communications set next_attempt_at = now() where communication_id = $1", Tuple.of(UUID.fromString(id)));
    }

    /** A pending template message of the test's candidate, due now, with the given lease (SQL expression) or none. */
    private UUID duePendingRow(String leaseExpiresAt) {
        UUID id = UUID.randomUUID();
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                            variables, recipient_phone, status, next_attempt_at, lease_expires_at)
                values ($1, $2, $3, 'outbound', 'initial', 'job_opportunity', '{"language":"es","body":["Ana","QA"]}',
                        '+573005550101', 'pending', now() - interval '1 second', %s)""".formatted(leaseExpiresAt == null ? "null" : leaseExpiresAt),
                Tuple.of(id, UUID.fromString(application), UUID.fromString(candidate)));
        return id;
    }

    private long requestsFor(String communicationId) {
        return callbackIds().stream().filter(communicationId::equals).count();
    }

    private List<String> callbackIds() {
        return graph.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream().map(LoggedRequest::getBodyAsString).map(body -> {
            try {
                JsonNode json = mapper.readTree(body);
                return json.path("biz_opaque_callback_data").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
