package com.atsplatform.communications.campaign;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.reminder.Reminders;
import com.atsplatform.communications.sending.OutboxWorker;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reminders go once, to the candidates who stayed silent, whichever way they come due. */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class ReminderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    Pool pool;

    @Inject
    OutboxWorker outbox;

    @Inject
    Reminders reminders;

    private TestRows rows;
    private final List<String> campaigns = new ArrayList<>();

    @BeforeEach
    void standIn() {
        rows = new TestRows(pool);
        CampaignTest.standIn(graph);
    }

    @AfterEach
    void cancelLeftovers() {
        campaigns.forEach(id -> asRecruiter().when().post("/api/v1/campaigns/" + id + "/cancel"));
    }

    @Test
    void onlyTheSilentCandidateGetsTheReminderAndOnlyOnceWhenTwoReleasesRunAtOnce() {
        List<Audience.Member> audience = Audience.create(rows, 4, 0, 0);
        Audience.Member replied = audience.get(0);
        Audience.Member optedOut = audience.get(1);
        Audience.Member moved = audience.get(2);
        Audience.Member silent = audience.get(3);
        Map<String, Object> body = new HashMap<>(CampaignTest.campaign("With reminder", audience));
        body.put("reminder", Map.of("after", "PT48H", "template_name", "job_reminder", "template_variables", List.of("{{candidate.first_name}}")));
        String id = asRecruiter().body(body).when().post("/api/v1/campaigns").then().statusCode(202).extract().path("campaign_id");
        campaigns.add(id);
        UUID campaign = UUID.fromString(id);
        assertThat(rows.count("select count(*) from reminders where campaign_id = $1 and status = 'scheduled'", Tuple.of(campaign)))
                .isEqualTo(4);
        outbox.drain().await().atMost(WAIT);
        assertThat(requestsTo(silent)).isEqualTo(1);

        reply(replied, "Sí, me interesa");
        assertThat(reminderOf(replied).getString("status")).isEqualTo("cancelled");
        rows.execute("update candidates set whatsapp_opt_out = true, opted_out_at = now() where id = $1", Tuple.of(optedOut.candidateId()));
        rows.execute("update applications set status = 'screening' where id = $1", Tuple.of(moved.applicationId()));
        // 48 hours later.
        rows.execute("update reminders set due_at = now() - interval '1 second' where campaign_id = $1", Tuple.of(campaign));

        Uni.join().all(reminders.releaseDue(), reminders.releaseDue()).andFailFast().await().atMost(WAIT);
        outbox.drain().await().atMost(WAIT);
        outbox.drain().await().atMost(WAIT);

        assertThat(requestsTo(silent)).isEqualTo(2);
        assertThat(requestsTo(replied)).isEqualTo(1);
        assertThat(requestsTo(optedOut)).isEqualTo(1);
        assertThat(requestsTo(moved)).isEqualTo(1);
        assertThat(graph.findAll(postRequestedFor(urlEqualTo(CampaignTest.MESSAGES))
                .withRequestBody(matchingJsonPath("$.template.name", WireMock.equalTo("job_reminder")))))
                .hasSize(1)
                .allSatisfy(request -> assertThat(request.getBodyAsString()).contains("Camila3"));
        assertThat(reminderOf(replied).getString("cancel_reason")).isEqualTo("replied");
        assertThat(reminderOf(optedOut).getString("cancel_reason")).isEqualTo("opted_out");
        assertThat(reminderOf(moved).getString("cancel_reason")).isEqualTo("application_moved");
        Row sent = reminderOf(silent);
        assertThat(sent.getString("status")).isEqualTo("sent");
        Row message = rows.communication(sent.getUUID("communication_id"));
        assertThat(message.getString("message_type")).isEqualTo("reminder");
        assertThat(message.getString("status")).isEqualTo("sent");
        assertThat(message.getUUID("campaign_id")).isEqualTo(campaign);
        asRecruiter().when().get("/api/v1/campaigns/" + id).then().body("replied", equalTo(1)).body("interested", equalTo(1));

        // The silent one answers the reminder: the outreach is answered.
        replyTo(message.getString("whatsapp_message_id"), silent, "No me interesa, gracias");
        Row initial = rows.one("select * from communications where application_id = $1 and message_type = 'initial'",
                Tuple.of(silent.applicationId()));
        assertThat(initial.getString("status")).isEqualTo("replied");
        assertThat(initial.getString("interest_status")).isEqualTo("not_interested");
        assertThat(rows.communication(sent.getUUID("communication_id")).getString("status")).isEqualTo("replied");
        asRecruiter().when().get("/api/v1/campaigns/" + id).then()
                .body("replied", equalTo(2)).body("interested", equalTo(1)).body("not_interested", equalTo(1));
    }

    @Test
    void aSendWithAReminderSchedulesItAfterTheGivenDelayAndAReplyCancelsIt() {
        Audience.Member member = Audience.create(rows, 1, 0, 0).get(0);

        String id = asRecruiter().body(Map.of("application_id", member.applicationId().toString(), "candidate_id",
                member.candidateId().toString(), "template_name", "job_opportunity", "template_variables", List.of("Camila", "QA"),
                "reminder", Map.of("after", "PT24H", "template_name", "job_reminder", "template_variables", List.of("Camila"))))
                .when().post("/api/v1/communications/send").then().statusCode(201).extract().path("communication_id");

        Row reminder = rows.one("select * from reminders where initial_id = $1", Tuple.of(UUID.fromString(id)));
        assertThat(reminder.getString("status")).isEqualTo("scheduled");
        assertThat(reminder.getOffsetDateTime("due_at"))
                .isCloseTo(reminder.getOffsetDateTime("created_at").plusHours(24), within(5, ChronoUnit.SECONDS));

        reply(member, "¿Cuál es el salario?");

        assertThat(reminderOf(member).getString("status")).isEqualTo("cancelled");
        assertThat(reminderOf(member).getString("cancel_reason")).isEqualTo("replied");
    }

    @Test
    void aReminderWithAnUnapprovedTemplateRefusesTheWholeSend() {
        Audience.Member member = Audience.create(rows, 1, 0, 0).get(0);

        asRecruiter().body(Map.of("application_id", member.applicationId().toString(), "candidate_id", member.candidateId().toString(),
                "template_name", "job_opportunity", "template_variables", List.of("Camila", "QA"),
                "reminder", Map.of("after", "PT24H", "template_name", "no_such_template")))
                .when().post("/api/v1/communications/send").then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/unknown-template"));

        assertThat(rows.count("select count(*) from communications where candidate_id = $1", Tuple.of(member.candidateId()))).isZero();
        assertThat(graph.findAll(postRequestedFor(urlEqualTo(CampaignTest.MESSAGES)))).isEmpty();
    }

    private long requestsTo(Audience.Member member) {
        return graph.findAll(postRequestedFor(urlEqualTo(CampaignTest.MESSAGES))).stream()
                .filter(request -> request.getBodyAsString().contains("\"" + member.phone() + "\"")).count();
    }

    private Row reminderOf(Audience.Member member) {
        return rows.one("select * from reminders where application_id = $1", Tuple.of(member.applicationId()));
    }

    private void reply(Audience.Member member, String text) {
        replyTo(rows.one("""
                select whatsapp_message_id from communications where application_id = $1 and direction = 'outbound'
                 order by created_at limit 1""", Tuple.of(member.applicationId())).getString(0), member, text);
    }

    private void replyTo(String wamid, Audience.Member member, String text) {
        TestRows.post(TestRows.payload("inbound-text-reply.json", Map.of("wamid.INBOUND_TEXT_ID", TestRows.wamid(),
                "wamid.OUTBOUND_ID", wamid, "573105550101", member.phoneDigits(), "¡Hola! Sí, me interesa 😊", text)))
                .statusCode(200);
    }
}
