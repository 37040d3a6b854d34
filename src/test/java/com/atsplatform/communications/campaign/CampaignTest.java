package com.atsplatform.communications.campaign;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import com.atsplatform.communications.sending.OutboxWorker;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Campaigns in live mode against the Graph stand-in: each reachable recipient gets exactly one message. */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class CampaignTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CAMPAIGNS = "/api/v1/campaigns";
    static final String MESSAGES = "/v21.0/PHONE_NUMBER_ID/messages";
    static final String TEMPLATES = "/v21.0/WABA_ID/message_templates";

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    Pool pool;

    @Inject
    OutboxWorker outbox;

    @Inject
    ObjectMapper mapper;

    private TestRows rows;
    private final List<String> campaigns = new ArrayList<>();

    @BeforeEach
    void standInThatAcceptsEverySend() {
        rows = new TestRows(pool);
        standIn(graph);
    }

    static void standIn(WireMockServer graph) {
        graph.resetAll();
        graph.stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(okJson("""
                {"data":[{"name":"job_opportunity","language":"es","status":"APPROVED","category":"UTILITY",
                          "components":[{"type":"BODY","text":"Hola {{1}}, ¿te interesa {{2}}?"}]},
                         {"name":"job_reminder","language":"es","status":"APPROVED","category":"UTILITY",
                          "components":[{"type":"BODY","text":"{{1}}, ¿pudiste ver nuestra oferta?"}]}]}""")));
        graph.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"messaging_product":"whatsapp","messages":[{"id":"wamid.C{{randomValue length=24 type='ALPHANUMERIC'}}"}]}""")
                .withTransformers("response-template")));
    }

    /** Whatever a test left pending is cancelled, so no later outbox round (of any test) sends it. */
    @AfterEach
    void cancelLeftovers() {
        campaigns.forEach(id -> asRecruiter().when().post(CAMPAIGNS + "/" + id + "/cancel"));
    }

    @Test
    void twoHundredRecipientsGetOneMessageEachExceptTheOptedOutAndInvalidNumbersWhichAreSkipped() throws Exception {
        List<Audience.Member> audience = Audience.create(rows, 200, 3, 2);

        String id = asRecruiter().body(campaign("Backend 2026", audience)).when().post(CAMPAIGNS)
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/campaigns/"))
                .body("status", equalTo("running"))
                .body("total", equalTo(200))
                .body("skipped", equalTo(5))
                .body("pending", equalTo(195))
                .extract().path("campaign_id");
        campaigns.add(id);

        outbox.drain().await().atMost(WAIT);
        outbox.drain().await().atMost(WAIT);

        Map<String, List<JsonNode>> sentTo = new HashMap<>();
        for (LoggedRequest request : graph.findAll(postRequestedFor(urlEqualTo(MESSAGES)))) {
            JsonNode body = mapper.readTree(request.getBodyAsString());
            sentTo.computeIfAbsent(body.path("to").asText(), to -> new ArrayList<>()).add(body);
        }
        List<Audience.Member> reachable = audience.subList(5, 200);
        assertThat(sentTo).hasSize(195);
        assertThat(sentTo.keySet()).containsExactlyInAnyOrderElementsOf(reachable.stream().map(Audience.Member::phone).toList());
        assertThat(sentTo.values()).allSatisfy(requests -> assertThat(requests).hasSize(1));
        // Placeholders filled per recipient.
        JsonNode first = sentTo.get(reachable.get(0).phone()).get(0);
        JsonNode parameters = first.path("template").path("components").get(0).path("parameters");
        assertThat(parameters.get(0).path("text").asText()).isEqualTo("Camila5");
        assertThat(parameters.get(1).path("text").asText()).isEqualTo("Backend developer");

        asRecruiter().when().get(CAMPAIGNS + "/" + id).then().statusCode(200)
                .body("sent", equalTo(195)).body("pending", equalTo(0)).body("failed", equalTo(0)).body("skipped", equalTo(5));
        asRecruiter().queryParam("status", "skipped").when().get(CAMPAIGNS + "/" + id + "/recipients").then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.skip_reason", equalTo(List.of("opted_out", "opted_out", "opted_out", "invalid_phone", "invalid_phone")))
                .body("items.communication_id", equalTo(Arrays.asList(null, null, null, null, null)));
        asRecruiter().when().get("/api/v1/applications/" + reachable.get(0).applicationId()).then().body("status", equalTo("contacted"));

        // Three answers: two yes, one no.
        reply(reachable.get(0), "Sí, me interesa");
        reply(reachable.get(1), "¡Claro que sí!");
        reply(reachable.get(2), "No, gracias");
        asRecruiter().when().get(CAMPAIGNS + "/" + id).then()
                .body("replied", equalTo(3)).body("interested", equalTo(2)).body("not_interested", equalTo(1))
                .body("question", equalTo(0)).body("sent", equalTo(195));
        asRecruiter().queryParam("status", "replied").queryParam("size", 100).when().get(CAMPAIGNS + "/" + id + "/recipients").then()
                .body("items", hasSize(3))
                .body("items.interest_status", equalTo(List.of("interested", "interested", "not_interested")));
    }

    @Test
    void cancellingMidWayFailsWhatWasNotHandedToMetaAndSendsNothingMore() {
        List<Audience.Member> audience = Audience.create(rows, 20, 0, 0);
        String id = asRecruiter().body(campaign("Cancelled", audience)).when().post(CAMPAIGNS).then().statusCode(202)
                .extract().path("campaign_id");
        campaigns.add(id);
        // Only the first five are due yet: the outbox sends them, then the recruiter cancels.
        rows.execute("""
                update communications set next_attempt_at = now() + interval '1 hour'
                 where campaign_id = $1 and recipient_phone <> all($2)""",
                Tuple.of(UUID.fromString(id), audience.subList(0, 5).stream().map(Audience.Member::phone).toArray(String[]::new)));
        outbox.drain().await().atMost(WAIT);
        assertThat(graph.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(5);

        asRecruiter().when().post(CAMPAIGNS + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("sent", equalTo(5)).body("failed", equalTo(15)).body("pending", equalTo(0));
        rows.execute("update communications set next_attempt_at = now() where campaign_id = $1", Tuple.of(UUID.fromString(id)));
        outbox.drain().await().atMost(WAIT);

        assertThat(graph.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(5);
        Row cancelled = rows.one("select * from communications where campaign_id = $1 and status = 'failed' limit 1",
                Tuple.of(UUID.fromString(id)));
        assertThat(cancelled.getString("error_message")).contains("cancelled");
        // Cancelling again changes nothing.
        asRecruiter().when().post(CAMPAIGNS + "/" + id + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
    }

    @Test
    void aCampaignWithNothingLeftToSendIsCompletedAndCannotBeCancelled() {
        List<Audience.Member> audience = Audience.create(rows, 3, 0, 0);
        String id = asRecruiter().body(campaign("Small", audience)).when().post(CAMPAIGNS).then().statusCode(202)
                .extract().path("campaign_id");
        outbox.drain().await().atMost(WAIT);

        asRecruiter().when().post(CAMPAIGNS + "/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/campaign-completed"));
        asRecruiter().when().get(CAMPAIGNS + "/" + id).then().body("status", equalTo("completed")).body("sent", equalTo(3));
    }

    @Test
    void unknownApplicationsAreListedAndNothingIsCreated() {
        List<Audience.Member> audience = Audience.create(rows, 2, 0, 0);
        UUID unknown = UUID.randomUUID();
        List<String> ids = new ArrayList<>(audience.stream().map(member -> member.applicationId().toString()).toList());
        ids.add(unknown.toString());
        long before = rows.count("select count(*) from campaigns", Tuple.tuple());

        asRecruiter().body(Map.of("name", "Typo", "template_name", "job_opportunity",
                "template_variables", List.of("{{candidate.first_name}}", "{{application.position}}"), "application_ids", ids))
                .when().post(CAMPAIGNS).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/unknown-applications"))
                .body("unknown_application_ids", equalTo(List.of(unknown.toString())));

        assertThat(rows.count("select count(*) from campaigns", Tuple.tuple())).isEqualTo(before);
        assertThat(rows.count("select count(*) from communications where candidate_id = $1",
                Tuple.of(audience.get(0).candidateId()))).isZero();
    }

    @Test
    void templateAndPlaceholdersAreCheckedOnceBeforeAnythingIsStored() {
        List<Audience.Member> audience = Audience.create(rows, 2, 0, 0);
        List<String> ids = audience.stream().map(member -> member.applicationId().toString()).toList();

        asRecruiter().body(Map.of("name", "One variable", "template_name", "job_opportunity", "template_variables", List.of("x"),
                "application_ids", ids)).when().post(CAMPAIGNS).then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/template-parameter-count"));
        asRecruiter().body(Map.of("name", "Unknown", "template_name", "no_such_template", "application_ids", ids))
                .when().post(CAMPAIGNS).then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/unknown-template"));
        asRecruiter().body(Map.of("name", "Typo", "template_name", "job_opportunity",
                "template_variables", List.of("{{candidate.nickname}}", "x"), "application_ids", ids))
                .when().post(CAMPAIGNS).then().statusCode(400)
                .body("errors[0].field", equalTo("template_variables[0]"));
        asRecruiter().body(Map.of("name", "Bad reminder", "template_name", "job_opportunity", "template_variables", List.of("a", "b"),
                "application_ids", ids, "reminder", Map.of("after", "48 hours", "template_name", "job_reminder",
                        "template_variables", List.of("a"))))
                .when().post(CAMPAIGNS).then().statusCode(400);
        asRecruiter().body(Map.of("name", "Empty", "template_name", "job_opportunity", "template_variables", List.of("a", "b"),
                "application_ids", List.of())).when().post(CAMPAIGNS).then().statusCode(400);

        assertThat(rows.count("select count(*) from communications where candidate_id = any($1)",
                Tuple.of(audience.stream().map(Audience.Member::candidateId).toArray(UUID[]::new)))).isZero();
    }

    @Test
    void unknownCampaignIsNotFound() {
        asRecruiter().when().get(CAMPAIGNS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        asRecruiter().when().post(CAMPAIGNS + "/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    static Map<String, Object> campaign(String name, List<Audience.Member> audience) {
        return Map.of("name", name, "template_name", "job_opportunity",
                "template_variables", List.of("{{candidate.first_name}}", "{{application.position}}"),
                "application_ids", audience.stream().map(member -> member.applicationId().toString()).collect(Collectors.toList()));
    }

    /** The candidate answers the campaign's message, quoting it. */
    private void reply(Audience.Member member, String text) {
        String wamid = rows.one("select whatsapp_message_id from communications where application_id = $1 and direction = 'outbound'",
                Tuple.of(member.applicationId())).getString(0);
        TestRows.post(TestRows.payload("inbound-text-reply.json", Map.of("wamid.INBOUND_TEXT_ID", TestRows.wamid(),
                "wamid.OUTBOUND_ID", wamid, "573105550101", member.phoneDigits(), "¡Hola! Sí, me interesa 😊", text)))
                .statusCode(200);
    }
}
