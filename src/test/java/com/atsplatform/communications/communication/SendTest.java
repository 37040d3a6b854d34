package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** POST /api/v1/communications/send in mock mode: every rule and answer code. */
@QuarkusTest
class SendTest {

    private static final String SEND = "/api/v1/communications/send";

    @Inject
    Pool pool;

    private TestRows rows;
    private String candidate;
    private String application;

    @BeforeEach
    void candidateWithApplication() {
        rows = new TestRows(pool);
        candidate = createCandidate("Send Test");
        application = createApplication(candidate, "Backend developer");
    }

    @Test
    void templateIsSentStoredAndMovesANewApplicationToContacted() {
        String id = asRecruiter().body(template("job_opportunity", "\"Ana\",\"Backend developer\",\"Acme\""))
                .when().post(SEND)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/communications/"))
                .body("status", equalTo("sent"))
                .body("whatsapp_message_id", startsWith("wamid."))
                .body("direction", equalTo("outbound"))
                .body("channel", equalTo("whatsapp"))
                .body("message_type", equalTo("initial"))
                .body("template_id", equalTo("job_opportunity"))
                .body("variables[2]", equalTo("Acme"))
                .body("content", equalTo("Hola Ana, vimos tu perfil para el cargo de Backend developer en Acme. ¿Te interesa conversar?"))
                .body("recipient_phone", equalTo("+573005550101"))
                .body("sent_at", notNullValue())
                .extract().path("communication_id");

        asRecruiter().when().get("/api/v1/communications/" + id).then().statusCode(200).body("status", equalTo("sent"));
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("contacted"));
    }

    @Test
    void phoneDefaultsToTheCandidatesAndAGivenOneIsNormalised() {
        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","phone":"(301) 555-0199","template_name":"interview_reminder",
                 "template_variables":["Ana","QA","lunes"],"message_type":"reminder"}""".formatted(application, candidate))
                .when().post(SEND)
                .then().statusCode(201)
                .body("recipient_phone", equalTo("+573015550199"))
                .body("message_type", equalTo("reminder"));
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("new"));
    }

    @Test
    void blankOptionalFieldsCountAsAbsent() {
        candidateWroteHoursAgo(1);

        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","phone":"","template_name":" ","text":"Hola de nuevo","language":null}"""
                .formatted(application, candidate))
                .when().post(SEND)
                .then().statusCode(201)
                .body("recipient_phone", equalTo("+573005550101"))
                .body("template_id", equalTo(null));
    }

    @Test
    void freeTextInsideTheServiceWindowIsAFollowUp() {
        candidateWroteHoursAgo(2);

        asRecruiter().body(text("¿Puedes mañana a las 10?"))
                .when().post(SEND)
                .then().statusCode(201)
                .body("message_type", equalTo("follow_up"))
                .body("content", equalTo("¿Puedes mañana a las 10?"))
                .body("template_id", equalTo(null));
    }

    @Test
    void freeTextOutsideTheServiceWindowIsRefusedByItsRule() {
        asRecruiter().body(text("Hola")).when().post(SEND)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/outside-service-window"))
                .body("detail", containsString("never written"));

        candidateWroteHoursAgo(25);
        asRecruiter().body(text("Hola")).when().post(SEND)
                .then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/outside-service-window"));
        assertThat(outboundCount()).isZero();
    }

    @Test
    void unknownCandidateOrApplicationIsNotFound() {
        asRecruiter().body(template(application, UUID.randomUUID().toString(), "job_opportunity", "\"a\",\"b\",\"c\""))
                .when().post(SEND).then().statusCode(404).body("detail", containsString("No candidate"));
        asRecruiter().body(template(UUID.randomUUID().toString(), candidate, "job_opportunity", "\"a\",\"b\",\"c\""))
                .when().post(SEND).then().statusCode(404).body("detail", containsString("No application"));
    }

    @Test
    void applicationOfAnotherCandidateIsRefused() {
        String other = createApplication(createCandidate("Someone Else"), "QA");
        asRecruiter().body(template(other, candidate, "job_opportunity", "\"a\",\"b\",\"c\""))
                .when().post(SEND)
                .then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/application-of-another-candidate"));
    }

    @Test
    void optedOutCandidateIsRefusedAndNothingStored() {
        rows.execute("update candidates set whatsapp_opt_out = true, opted_out_at = now() where id = $1",
                Tuple.of(UUID.fromString(candidate)));

        asRecruiter().body(template("job_opportunity", "\"a\",\"b\",\"c\""))
                .when().post(SEND)
                .then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/candidate-opted-out"));
        assertThat(outboundCount()).isZero();
    }

    @Test
    void unknownOrUnapprovedTemplateIsRefused() {
        asRecruiter().body(template("no_such_template", "")).when().post(SEND)
                .then().statusCode(422).body("type", equalTo("https://atsplatform.com/problems/unknown-template"))
                .body("errors[0].field", equalTo("template_name"));
        asRecruiter().body(template("seasonal_campaign", "\"Ana\"")).when().post(SEND)
                .then().statusCode(422).body("type", equalTo("https://atsplatform.com/problems/unknown-template"));
        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","language":"fr",
                 "template_variables":["a","b","c"]}""".formatted(application, candidate))
                .when().post(SEND).then().statusCode(422).body("type", equalTo("https://atsplatform.com/problems/unknown-template"));
    }

    @Test
    void wrongNumberOfVariablesIsRefused() {
        asRecruiter().body(template("job_opportunity", "\"Ana\"")).when().post(SEND)
                .then().statusCode(422)
                .body("type", equalTo("https://atsplatform.com/problems/template-parameter-count"))
                .body("expected", equalTo(3))
                .body("given", equalTo(1));
        assertThat(outboundCount()).isZero();
    }

    @Test
    void invalidPhoneOrBodyIsBadRequest() {
        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","phone":"12","template_name":"job_opportunity",
                 "template_variables":["a","b","c"]}""".formatted(application, candidate))
                .when().post(SEND).then().statusCode(400).body("errors[0].field", equalTo("phone"));
        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","text":"both"}"""
                .formatted(application, candidate))
                .when().post(SEND).then().statusCode(400).body("errors.message", hasItem("give exactly one of template_name and text"));
        asRecruiter().body("{\"application_id\":\"%s\",\"candidate_id\":\"%s\"}".formatted(application, candidate))
                .when().post(SEND).then().statusCode(400);
        asRecruiter().body("{\"candidate_id\":\"not-a-uuid\"}").when().post(SEND).then().statusCode(400)
                .body("errors.field", hasItem("candidate_id"));
        asRecruiter().body("{\"application_id\":").when().post(SEND).then().statusCode(400)
                .body("type", equalTo("https://atsplatform.com/problems/malformed-request"));
        asRecruiter().body(template("job_opportunity", "\"a\",\"b\",\"c\"").replace("}", ",\"message_type\":\"reply\"}"))
                .when().post(SEND).then().statusCode(400);
        assertThat(outboundCount()).isZero();
    }

    @Test
    void sendNeedsARecruiterOrAdminToken() {
        io.restassured.RestAssured.given().contentType("application/json").body(template("job_opportunity", "\"a\",\"b\",\"c\""))
                .when().post(SEND).then().statusCode(401);
    }

    private long outboundCount() {
        return rows.count("select count(*) from communications where candidate_id = $1 and direction = 'outbound'",
                Tuple.of(UUID.fromString(candidate)));
    }

    private void candidateWroteHoursAgo(int hours) {
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, content,
                                            whatsapp_message_id, status, sent_at)
                values ($1, $2, $3, 'inbound', 'reply', 'Hola', $4, 'delivered', now() - make_interval(hours => $5))""",
                Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(UUID.fromString(application)).addUUID(UUID.fromString(candidate))
                        .addString(TestRows.wamid()).addInteger(hours));
    }

    @Test
    void concurrentSendsThatShareOneReservationOfPacedSlotsAllSucceed() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(clients.submit(() -> asRecruiter().body(template("job_opportunity", "\"Ana\",\"Backend developer\",\"Acme\""))
                        .when().post(SEND).then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private String template(String name, String variables) {
        return template(application, candidate, name, variables);
    }

    private static String template(String application, String candidate, String name, String variables) {
        return """
                {"application_id":"%s","candidate_id":"%s","template_name":"%s","template_variables":[%s]}"""
                .formatted(application, candidate, name, variables);
    }

    private String text(String text) {
        return """
                {"application_id":"%s","candidate_id":"%s","text":"%s"}""".formatted(application, candidate, text);
    }
}
