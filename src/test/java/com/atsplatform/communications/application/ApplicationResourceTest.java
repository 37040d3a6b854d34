package com.atsplatform.communications.application;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ApplicationResourceTest {

    private static final String APPLICATIONS = "/api/v1/applications";

    @Inject
    Pool pool;

    @Test
    void newApplicationStartsAsNew() {
        String candidate = createCandidate("Marta Ruiz");
        asRecruiter().body("{\"candidate_id\":\"" + candidate + "\",\"position\":\"Backend developer\"}")
                .when().post(APPLICATIONS)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/applications/"))
                .body("candidate_id", equalTo(candidate))
                .body("position", equalTo("Backend developer"))
                .body("status", equalTo("new"))
                .body("needs_attention", equalTo(false));
    }

    @Test
    void applicationOfUnknownCandidateIsNotFound() {
        asRecruiter().body("{\"candidate_id\":\"" + UUID.randomUUID() + "\",\"position\":\"Tester\"}")
                .when().post(APPLICATIONS)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No candidate"));
    }

    @Test
    void applicationWithoutPositionIsValidationProblem() {
        asRecruiter().body("{\"candidate_id\":\"not-a-uuid\"}")
                .when().post(APPLICATIONS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("candidate_id"));
        asRecruiter().body("{\"candidate_id\":\"" + UUID.randomUUID() + "\"}")
                .when().post(APPLICATIONS)
                .then().statusCode(400)
                .body("errors.field", hasItem("position"));
    }

    @Test
    void readApplication() {
        String application = createApplication(createCandidate("Pedro Díaz"), "Data analyst");
        asRecruiter().when().get(APPLICATIONS + "/" + application)
                .then().statusCode(200)
                .body("application_id", equalTo(application))
                .body("status", equalTo("new"));
    }

    @Test
    void unknownApplicationIsNotFound() {
        asRecruiter().when().get(APPLICATIONS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        asRecruiter().body("{\"status\":\"contacted\"}")
                .when().patch(APPLICATIONS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void allowedTransitionsMoveTheApplication() {
        String application = createApplication(createCandidate("Sofía León"), "QA");
        for (String status : new String[] { "contacted", "interested", "screening", "interview", "offer", "hired" }) {
            asRecruiter().body("{\"status\":\"" + status + "\"}")
                    .when().patch(APPLICATIONS + "/" + application)
                    .then().statusCode(200)
                    .body("status", equalTo(status));
        }
    }

    @Test
    void transitionNotAllowedIsConflictAndChangesNothing() {
        String application = createApplication(createCandidate("Jorge Mora"), "DevOps");
        asRecruiter().body("{\"status\":\"hired\"}")
                .when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/transition-not-allowed"))
                .body("current_status", equalTo("new"))
                .body("allowed_statuses", hasItems("contacted", "rejected"));
        asRecruiter().when().get(APPLICATIONS + "/" + application).then().body("status", equalTo("new"));
    }

    @Test
    void unknownStatusValueIsValidationProblem() {
        String application = createApplication(createCandidate("Laura Gil"), "PM");
        asRecruiter().body("{\"status\":\"promoted\"}")
                .when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void emptyPatchIsValidationProblem() {
        String application = createApplication(createCandidate("Raúl Vega"), "PM");
        asRecruiter().body("{}")
                .when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void recruiterClearsAttentionFlag() {
        String application = createApplication(createCandidate("Eva Paz"), "Designer");
        asRecruiter().body("{\"needs_attention\":true}")
                .when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(200).body("needs_attention", equalTo(true)).body("status", equalTo("new"));
        asRecruiter().body("{\"needs_attention\":false}")
                .when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(200).body("needs_attention", equalTo(false));
    }

    @Test
    void listFiltersByCandidateAndStatus() {
        String candidate = createCandidate("Filtro Uno");
        String first = createApplication(candidate, "Role A");
        String second = createApplication(candidate, "Role B");
        createApplication(createCandidate("Filtro Dos"), "Role C");
        asRecruiter().body("{\"status\":\"rejected\"}").when().patch(APPLICATIONS + "/" + first).then().statusCode(200);

        asRecruiter().queryParam("candidate_id", candidate)
                .when().get(APPLICATIONS)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].application_id", equalTo(second));
        asRecruiter().queryParam("candidate_id", candidate).queryParam("status", "rejected")
                .when().get(APPLICATIONS)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].application_id", equalTo(first));
    }

    @Test
    void readAnswersItsVersionAsETagAndEveryChangeMovesIt() {
        String application = createApplication(createCandidate("Etag Uno"), "Analyst");
        String first = asRecruiter().when().get(APPLICATIONS + "/" + application).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).extract().header("ETag");

        String second = asRecruiter().body("{\"needs_attention\":true}").when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(200).extract().header("ETag");
        String unchanged = asRecruiter().body("{\"needs_attention\":true}").when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(200).extract().header("ETag");

        assertThat(second).isEqualTo("\"1\"").isNotEqualTo(first);
        assertThat(unchanged).as("a change to what it already is changes nothing").isEqualTo(second);
        asRecruiter().when().get(APPLICATIONS + "/" + application).then().header("ETag", equalTo(second)).body("version", equalTo(1));
    }

    @Test
    void patchWithAStaleIfMatchIsPreconditionFailedAndChangesNothing() {
        String application = createApplication(createCandidate("Etag Dos"), "Analyst");
        String seen = asRecruiter().when().get(APPLICATIONS + "/" + application).then().extract().header("ETag");
        asRecruiter().body("{\"status\":\"contacted\"}").when().patch(APPLICATIONS + "/" + application).then().statusCode(200);

        asRecruiter().header("If-Match", seen).body("{\"status\":\"rejected\"}").when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/precondition-failed"));
        asRecruiter().header("If-Match", "not-an-etag").body("{\"status\":\"rejected\"}").when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(412);

        String current = asRecruiter().when().get(APPLICATIONS + "/" + application).then().body("status", equalTo("contacted"))
                .extract().header("ETag");
        asRecruiter().header("If-Match", current).body("{\"status\":\"rejected\"}").when().patch(APPLICATIONS + "/" + application)
                .then().statusCode(200).body("status", equalTo("rejected"));
    }

    @Test
    void aRecruitersChangeAndACandidatesReplyAtTheSameTimeAreBothKept() throws Exception {
        TestRows rows = new TestRows(pool);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<TestRows.Outbound> messages = new ArrayList<>();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String phone = TestRows.phoneDigits();
                TestRows.Outbound message = rows.outbound(phone, "read", TestRows.wamid());
                messages.add(message);
                work.add(threads.submit(() -> asRecruiter().body("{\"needs_attention\":true}")
                        .when().patch(APPLICATIONS + "/" + message.applicationId()).then().statusCode(200)));
                work.add(threads.submit(() -> TestRows.post(TestRows.payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID",
                        message.wamid(), "wamid.INBOUND_TEXT_ID", TestRows.wamid(), "573105550101", phone))).statusCode(200)));
            }
            for (Future<?> done : work) {
                done.get(30, TimeUnit.SECONDS);
            }
            for (TestRows.Outbound message : messages) {
                asRecruiter().when().get(APPLICATIONS + "/" + message.applicationId()).then()
                        .body("status", equalTo("interested"))
                        .body("needs_attention", equalTo(true))
                        .body("version", equalTo(2));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
