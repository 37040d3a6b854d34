package com.atsplatform.communications.event;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.security.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** The frontend's event stream: changes as they are committed, filtered, resumable. */
@QuarkusTest
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EventStream stream;

    @Test
    void aClientSeesItsCandidatesMessageCreatedThenItsStatusAndTheApplicationMove() throws Exception {
        String candidate = createCandidate("Events Test");
        String application = createApplication(candidate, "QA");
        try (SseClient client = new SseClient(events("?candidate_id=" + candidate), Tokens.recruiter(), null)) {
            Thread.sleep(300); // the stream is open
            String id = send(application, candidate);

            SseClient.Received created = client.next(id, WAIT);
            assertThat(created).isNotNull();
            assertThat(created.name()).isEqualTo("communication.created");
            // Meta took it: the first contact moves the application.
            SseClient.Received moved = client.next("\"contacted\"", WAIT);
            assertThat(moved).isNotNull();
            assertThat(moved.name()).isEqualTo("application.updated");
            assertThat(moved.data()).contains(application);
            String wamid = asRecruiter().when().get("/api/v1/communications/" + id).then().extract().path("whatsapp_message_id");
            TestRows.post(TestRows.payload("status-delivered-and-read.json", Map.of("wamid.OUTBOUND_ID", wamid))).statusCode(200);

            SseClient.Received updated = client.next("\"read\"", WAIT);
            assertThat(updated).isNotNull();
            assertThat(updated.name()).isEqualTo("communication.updated");
            assertThat(updated.data()).contains(id);
        }
    }

    @Test
    void aClientFilteredOnAnotherCandidateHearsNothingOfThisOne() throws Exception {
        String candidate = createCandidate("Events Filter");
        String other = createCandidate("Events Other");
        String application = createApplication(candidate, "QA");
        try (SseClient client = new SseClient(events("?candidate_id=" + other), Tokens.recruiter(), null)) {
            Thread.sleep(300);
            String id = send(application, candidate);

            assertThat(client.next(id, Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    void eachFilterGetsTheEventsItNamesAndAClientThatLeftIsForgotten() throws Exception {
        String candidate = createCandidate("Events Filters");
        String application = createApplication(candidate, "QA");
        String otherApplication = createApplication(candidate, "Backend");
        int before = stream.connectedClients();
        try (SseClient byApplication = new SseClient(events("?application_id=" + application), Tokens.recruiter(), null);
                SseClient byCandidateOtherApplication = new SseClient(events("?candidate_id=" + candidate + "&application_id=" + otherApplication),
                        Tokens.recruiter(), null);
                SseClient everything = new SseClient(events(""), Tokens.recruiter(), null)) {
            await().atMost(WAIT).until(() -> stream.connectedClients() == before + 3);
            String id = send(application, candidate);

            assertThat(byApplication.next(id, WAIT)).isNotNull();
            assertThat(everything.next(id, WAIT)).isNotNull();
            assertThat(byCandidateOtherApplication.next(id, Duration.ofSeconds(2))).isNull();
        }
        await().atMost(WAIT).until(() -> stream.connectedClients() == before);
    }

    @Test
    void resumingWithLastEventIdMissesNothingThatHappenedWhileDisconnected() throws Exception {
        String candidate = createCandidate("Events Resume");
        String application = createApplication(candidate, "QA");
        String lastSeen;
        try (SseClient client = new SseClient(events("?candidate_id=" + candidate), Tokens.recruiter(), null)) {
            Thread.sleep(300);
            String first = send(application, candidate);
            lastSeen = client.next(first, WAIT).id();
        }
        // Disconnected: three more messages.
        List<String> missed = List.of(send(application, candidate), send(application, candidate), send(application, candidate));

        try (SseClient client = new SseClient(events("?candidate_id=" + candidate), Tokens.recruiter(), lastSeen)) {
            for (String id : missed) {
                SseClient.Received event = client.next(id, WAIT);
                assertThat(event).as("event of %s after resuming", id).isNotNull();
                assertThat(Long.parseLong(event.id())).isGreaterThan(Long.parseLong(lastSeen));
            }
        }
    }

    @Test
    void withoutATokenOrWithAMalformedLastEventIdTheStreamIsRefused() {
        given().accept("text/event-stream").when().get("/api/v1/events").then().statusCode(401);
        given().auth().oauth2(Tokens.recruiter()).accept("text/event-stream").header("Last-Event-ID", "yesterday")
                .when().get("/api/v1/events").then().statusCode(400);
    }

    private URI events(String query) {
        return URI.create("http://localhost:" + port + "/api/v1/events" + query);
    }

    private static String send(String application, String candidate) {
        return asRecruiter().body(Map.of("application_id", application, "candidate_id", candidate, "template_name", "job_opportunity",
                "template_variables", List.of("Ana", "QA", "Acme"))).when().post("/api/v1/communications/send")
                .then().statusCode(201).extract().path("communication_id");
    }
}
