package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.security.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The list with its filters and paging, one by id, the candidate summary, and the WhatsApp status and templates. */
@QuarkusTest
class CommunicationReadTest {

    private static final String COMMUNICATIONS = "/api/v1/communications";

    @Inject
    Pool pool;

    private TestRows rows;
    private String candidate;
    private String application;

    @BeforeEach
    void history() {
        rows = new TestRows(pool);
        candidate = createCandidate("Read Test");
        application = createApplication(candidate, "QA");
        // Four outbound messages (one replied, one read, one failed, one pending) and one inbound reply, one minute apart.
        message("outbound", "initial", "replied", 50, null);
        message("outbound", "follow_up", "read", 40, null);
        message("outbound", "reminder", "failed", 30, null);
        message("inbound", "reply", "delivered", 20, "interested");
        message("outbound", "follow_up", "pending", 10, null);
    }

    @Test
    void listFiltersByCandidateNewestFirstWithTotal() {
        asRecruiter().queryParam("candidate_id", candidate)
                .when().get(COMMUNICATIONS)
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items", hasSize(5))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items[0].status", equalTo("pending"))
                .body("items[4].status", equalTo("replied"));
    }

    @Test
    void listFiltersCombine() {
        asRecruiter().queryParam("application_id", application).queryParam("direction", "outbound")
                .queryParam("message_type", "follow_up").queryParam("channel", "whatsapp")
                .when().get(COMMUNICATIONS)
                .then().statusCode(200).body("total", equalTo(2)).body("items.message_type", everyItem(equalTo("follow_up")));
        asRecruiter().queryParam("candidate_id", candidate).queryParam("status", "failed")
                .when().get(COMMUNICATIONS)
                .then().body("total", equalTo(1)).body("items[0].message_type", equalTo("reminder"));
        asRecruiter().queryParam("candidate_id", candidate).queryParam("direction", "inbound")
                .when().get(COMMUNICATIONS)
                .then().body("total", equalTo(1)).body("items[0].interest_status", equalTo("interested"));
    }

    @Test
    void listFiltersByTimeRange() {
        asRecruiter().queryParam("candidate_id", candidate).queryParam("since", isoMinutesAgo(35)).queryParam("until", isoMinutesAgo(15))
                .when().get(COMMUNICATIONS)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.status", hasItem("failed")).body("items.status", hasItem("delivered"));
        asRecruiter().queryParam("candidate_id", candidate).queryParam("since", "2000-01-01")
                .when().get(COMMUNICATIONS).then().body("total", equalTo(5));
    }

    @Test
    void listPagesAndBoundsThePageSize() {
        asRecruiter().queryParam("candidate_id", candidate).queryParam("page", 1).queryParam("size", 2)
                .when().get(COMMUNICATIONS)
                .then().statusCode(200).body("total", equalTo(5)).body("items", hasSize(2)).body("page", equalTo(1))
                .body("items.status", contains("failed", "read"));
        asRecruiter().queryParam("candidate_id", candidate).queryParam("page", 2).queryParam("size", 2)
                .when().get(COMMUNICATIONS).then().body("items", hasSize(1));
        asRecruiter().queryParam("size", 101).when().get(COMMUNICATIONS).then().statusCode(400);
        asRecruiter().queryParam("page", -1).when().get(COMMUNICATIONS).then().statusCode(400);
    }

    @Test
    void badFilterValuesAreValidationProblems() {
        asRecruiter().queryParam("status", "lost").when().get(COMMUNICATIONS)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        asRecruiter().queryParam("since", "yesterday").when().get(COMMUNICATIONS)
                .then().statusCode(400).body("errors[0].field", equalTo("since"));
    }

    @Test
    void oneByIdAndUnknownIsNotFound() {
        String id = asRecruiter().queryParam("candidate_id", candidate).queryParam("status", "read")
                .when().get(COMMUNICATIONS).then().extract().path("items[0].communication_id");
        asRecruiter().when().get(COMMUNICATIONS + "/" + id).then().statusCode(200)
                .body("communication_id", equalTo(id)).body("status", equalTo("read")).body("created_at", notNullValue());
        asRecruiter().when().get(COMMUNICATIONS + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void candidateSummaryFigures() {
        asRecruiter().when().get(COMMUNICATIONS + "/candidate/" + candidate + "/summary")
                .then().statusCode(200)
                .body("candidate_id", equalTo(candidate))
                .body("total", equalTo(5))
                .body("outbound", equalTo(4))
                .body("inbound", equalTo(1))
                .body("by_status.replied", equalTo(1))
                .body("by_status.read", equalTo(1))
                .body("by_status.failed", equalTo(1))
                .body("by_status.pending", equalTo(1))
                .body("by_status.delivered", equalTo(1))
                .body("by_status.sent", equalTo(0))
                .body("response_rate", equalTo(0.25f))
                .body("interest_status", equalTo("interested"))
                .body("last_contact_at", notNullValue())
                .body("last_reply_at", notNullValue());
    }

    @Test
    void summaryOfACandidateWithoutMessagesAndOfAnUnknownOne() {
        String quiet = createCandidate("Quiet Candidate");
        asRecruiter().when().get(COMMUNICATIONS + "/candidate/" + quiet + "/summary")
                .then().statusCode(200).body("total", equalTo(0)).body("response_rate", equalTo(0.0f))
                .body("interest_status", equalTo(null)).body("last_contact_at", equalTo(null));
        asRecruiter().when().get(COMMUNICATIONS + "/candidate/" + UUID.randomUUID() + "/summary").then().statusCode(404);
    }

    @Test
    void whatsappStatusIsForAdminsOnly() {
        given().auth().oauth2(Tokens.admin()).when().get(COMMUNICATIONS + "/whatsapp/status")
                .then().statusCode(200).body("enabled", equalTo(true)).body("mock_mode", equalTo(true)).body("connected", equalTo(true))
                .body("api_version", equalTo("v21.0"));
        asRecruiter().when().get(COMMUNICATIONS + "/whatsapp/status").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void templatesListsApprovedOnesWithParameterCounts() {
        asRecruiter().when().get(COMMUNICATIONS + "/whatsapp/templates")
                .then().statusCode(200)
                .body("name", hasItem("job_opportunity"))
                .body("name", not(hasItem("seasonal_campaign")))
                .body("find { it.name == 'job_opportunity' && it.language == 'es' }.parameter_count", equalTo(3))
                .body("find { it.name == 'job_opportunity' && it.language == 'es' }.category", equalTo("UTILITY"))
                .body("status", everyItem(equalTo("APPROVED")));
    }

    private static String isoMinutesAgo(int minutes) {
        return java.time.Instant.now().minusSeconds(60L * minutes).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private void message(String direction, String type, String status, int minutesAgo, String interest) {
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, status,
                                            whatsapp_message_id, sent_at, interest_status, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, case when $6 = 'pending' then null else now() - make_interval(mins => $8) end, $9,
                        now() - make_interval(mins => $8))""",
                Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(UUID.fromString(application)).addUUID(UUID.fromString(candidate))
                        .addString(direction).addString(type).addString(status).addString(status.equals("pending") ? null : TestRows.wamid())
                        .addInteger(minutesAgo).addString(interest));
    }
}
