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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.sending.OutboxWorker;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.atsplatform.communications.whatsapp.graph.GraphApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
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
    /** Meta's answer during an outage: HTTP 503, code 2 (retryable). */
    private static final ResponseDefinitionBuilder META_DOWN = aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("""
                    {"error":{"message":"Service temporarily unavailable","type":"OAuthException","code":2,"fbtrace_id":"F"}}""");
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
        candidate = createCandidate("Outbox Test");
        application = createApplication(candidate, "QA");
    }

    /** This test's messages still pending are settled, so no later outbox round (of any test) sends them. */
    @AfterEach
    void settleOwnPendingMessagesAndResetBreakers() {
        rows.execute("update communications set status = 'failed', next_attempt_at = null where candidate_id = $1 and status = 'pending'",
                Tuple.of(UUID.fromString(candidate)));
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
    void aMinuteLongOutageKeepsEveryMessagePendingAndEachIsSentOnceAfterMetaRecovers() {
        graph.stubFor(post(MESSAGES).willReturn(META_DOWN));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(UUID.fromString(asRecruiter().body(send()).when().post(SEND).then().statusCode(202).extract().path("communication_id")));
        }

        long outageEnds = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int rounds = 0;
        while (System.nanoTime() < outageEnds) {
            outbox.drain().await().atMost(WAIT);
            rounds++;
            assertThat(statuses(ids)).as("after %d outbox rounds into the outage", rounds).containsOnly("pending");
            sleep(Duration.ofMillis(500));
        }
        assertThat(graph.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size()).as("Meta was tried during the outage")
                .isGreaterThan(ids.size());

        graph.resetRequests();
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("{{jsonPath request.body '$.biz_opaque_callback_data'}}"))
                .withTransformers("response-template")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            outbox.drain().await().atMost(WAIT);
            return statuses(ids).stream().allMatch("sent"::equals);
        });

        for (UUID id : ids) {
            assertThat(requestsFor(id.toString())).as("accepted requests for %s", id).isEqualTo(1);
            assertThat(rows.communication(id).getString("whatsapp_message_id")).isEqualTo("wamid.STANDIN" + id);
        }
    }

    @Test
    void givesUpOnlyOnceItsTimeIsUpAndKeepsMetasLastError() {
        graph.stubFor(post(MESSAGES).willReturn(META_DOWN));
        UUID id = UUID.fromString(asRecruiter().body(send()).when().post(SEND).then().statusCode(202).extract().path("communication_id"));
        assertThat(rows.communication(id).getOffsetDateTime("give_up_at").toInstant())
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        for (int round = 0; round < 3; round++) {
            breakers.resetAll();
            dueNow(id.toString());
            outbox.drain().await().atMost(WAIT);
            assertThat(rows.communication(id).getString("status")).isEqualTo("pending");
        }
        // Its time runs out: the next attempt is due then, and when Meta still cannot take it, it fails.
        rows.execute("update communications set give_up_at = now() + interval '300 milliseconds' where communication_id = $1", Tuple.of(id));
        breakers.resetAll();
        dueNow(id.toString());
        outbox.drain().await().atMost(WAIT);
        Row deferred = rows.communication(id);
        assertThat(deferred.getString("status")).isEqualTo("pending");
        assertThat(deferred.getOffsetDateTime("next_attempt_at")).isEqualTo(deferred.getOffsetDateTime("give_up_at"));

        sleep(Duration.ofMillis(400));
        breakers.resetAll();
        outbox.drain().await().atMost(WAIT);

        Row failed = rows.communication(id);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInteger("error_code")).isEqualTo(2);
        assertThat(failed.getString("error_message")).isEqualTo("(#2) Service temporarily unavailable");
        assertThat(failed.getInteger("send_attempts")).isEqualTo(6);
        assertThat(failed.getInteger("retry_count")).isZero();
    }

    @Test
    void attemptsRefusedByTheOpenBreakerNeverReachMetaAndOnlyPostpone() {
        graph.stubFor(post(MESSAGES).willReturn(META_DOWN));
        UUID id = UUID.fromString(asRecruiter().body(send()).when().post(SEND).then().statusCode(202).extract().path("communication_id"));
        while (breakers.currentState(GraphApi.SEND_BREAKER) != CircuitBreakerState.OPEN) {
            asRecruiter().body(send()).when().post(SEND).then().statusCode(202);
        }
        Row before = rows.communication(id);
        graph.resetRequests();

        for (int round = 0; round < 3; round++) {
            dueNow(id.toString());
            outbox.drain().await().atMost(WAIT);
        }

        assertThat(breakers.currentState(GraphApi.SEND_BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(requestsFor(id.toString())).isZero();
        Row after = rows.communication(id);
        assertThat(after.getString("status")).isEqualTo("pending");
        assertThat(after.getInteger("send_attempts")).as("attempts that reached Meta").isEqualTo(before.getInteger("send_attempts"));
        assertThat(after.getString("error_message")).as("Meta's last error is kept").isEqualTo("(#2) Service temporarily unavailable");
        // Postponed by the first backoff (50 ms in this profile), not doubled by the refused attempts.
        assertThat(Duration.between(after.getOffsetDateTime("updated_at"), after.getOffsetDateTime("next_attempt_at")))
                .isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void aTimedOutCallSettledByMetasSentStatusMovesTheApplicationAndIsNotSentAgain() {
        graph.stubFor(post(MESSAGES).willReturn(okJson(ACCEPTED.formatted("SLOW")).withFixedDelay(1500)));
        String id = asRecruiter().body(send()).when().post(SEND).then().statusCode(202)
                .body("status", equalTo("pending")).extract().path("communication_id");
        assertThat(requestsFor(id)).isEqualTo(1);

        TestRows.post(TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", "wamid.STANDINSLOW", "COMMUNICATION_UUID", id)))
                .statusCode(200).body("applied", equalTo(1));
        dueNow(id);
        outbox.drain().await().atMost(WAIT);

        asRecruiter().when().get("/api/v1/communications/" + id).then()
                .body("status", equalTo("sent"))
                .body("whatsapp_message_id", equalTo("wamid.STANDINSLOW"));
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("contacted"));
        assertThat(requestsFor(id)).isEqualTo(1);
    }

    @Test
    void freeTextWhoseServiceWindowClosedWhileItWaitedFailsUnsent() {
        UUID id = UUID.randomUUID();
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, content,
                                            recipient_phone, status, next_attempt_at, give_up_at)
                values ($1, $2, $3, 'outbound', 'follow_up', 'Hola', '+573005550101', 'pending', now(), now() + interval '1 day')""",
                Tuple.of(id, UUID.fromString(application), UUID.fromString(candidate)));

        outbox.drain().await().atMost(WAIT);

        Row row = rows.communication(id);
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("error_message")).startsWith("outside-service-window");
        assertThat(requestsFor(id.toString())).isZero();
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

    private List<String> statuses(List<UUID> ids) {
        return ids.stream().map(id -> rows.communication(id).getString("status")).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void dueNow(String id) {
        rows.execute("update communications set next_attempt_at = now() where communication_id = $1", Tuple.of(UUID.fromString(id)));
    }

    /** A pending template message of the test's candidate, due now, with the given lease (SQL expression) or none. */
    private UUID duePendingRow(String leaseExpiresAt) {
        UUID id = UUID.randomUUID();
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                            variables, recipient_phone, status, next_attempt_at, give_up_at, lease_expires_at)
                values ($1, $2, $3, 'outbound', 'initial', 'job_opportunity', '{"language":"es","body":["Ana","QA"]}',
                        '+573005550101', 'pending', now() - interval '1 second', now() + interval '1 day', %s)""".formatted(leaseExpiresAt == null ? "null" : leaseExpiresAt),
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
