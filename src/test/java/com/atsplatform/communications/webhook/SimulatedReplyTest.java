package com.atsplatform.communications.webhook;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.security.Tokens;
import com.atsplatform.communications.whatsapp.MockMedia;

import io.quarkus.test.junit.QuarkusTest;

/** Mock mode: a frontend developer makes the candidate answer, through the signed webhook path. */
@QuarkusTest
class SimulatedReplyTest {

    private String candidate;
    private String application;
    private String message;

    @BeforeEach
    void aTemplateMessageTheMockGatewayAccepted() {
        candidate = createCandidate("Simulated Reply");
        application = createApplication(candidate, "QA");
        message = asRecruiter().body(Map.of("application_id", application, "candidate_id", candidate, "template_name", "job_opportunity",
                "template_variables", List.of("Ana", "QA", "Acme"))).when().post("/api/v1/communications/send")
                .then().statusCode(201).extract().path("communication_id");
    }

    @Test
    void aSimulatedYesIsStoredAsTheCandidatesReplyAndMovesTheApplication() {
        asRecruiter().body(Map.of("text", "Sí, me interesa")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(200)
                .body("direction", equalTo("inbound"))
                .body("reply_to_id", equalTo(message))
                .body("interest_status", equalTo("interested"))
                .body("interest_reason", notNullValue())
                .body("content", equalTo("Sí, me interesa"));

        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("interested"));
        asRecruiter().when().get("/api/v1/communications/" + message).then().body("status", equalTo("replied"));
    }

    @Test
    void aSimulatedButtonIsReadLikeMetasQuickReply() {
        asRecruiter().body(Map.of("button", "No, gracias")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(200).body("interest_status", equalTo("not_interested"));

        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("not_interested"));
    }

    @Test
    void theConversationShowsTheMessageThenTheReplyOldestFirst() {
        asRecruiter().body(Map.of("text", "¿Cuál es el salario?")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(200);

        asRecruiter().when().get("/api/v1/candidates/" + candidate + "/conversation").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.direction", equalTo(List.of("outbound", "inbound")))
                .body("items[0].communication_id", equalTo(message))
                .body("items[1].interest_status", equalTo("question"));
        asRecruiter().when().get("/api/v1/candidates/" + UUID.randomUUID() + "/conversation").then().statusCode(404);
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("needs_attention", equalTo(true));
    }

    @Test
    void aSimulatedCvIsServedByTheMockGraphApiStoredAndDownloadableWithItsCaptionRead() {
        String reply = asRecruiter().body(Map.of("media", "cv", "text", "Sí, me interesa. Adjunto mi hoja de vida"))
                .when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(200)
                .body("media.media_id", equalTo(MockMedia.CV.mediaId()))
                .body("media.mime_type", equalTo("application/pdf"))
                .body("media.file_name", equalTo(MockMedia.CV.fileName()))
                .body("media.sha256", equalTo(MockMedia.CV.sha256()))
                .body("interest_status", equalTo("interested"))
                .extract().path("communication_id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asRecruiter().when().get("/api/v1/communications/" + reply)
                .then().body("media.media_status", equalTo("stored")).body("media.size", equalTo(MockMedia.CV.bytes().length)));
        byte[] served = given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + reply + "/media")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(served).isEqualTo(MockMedia.CV.bytes());
        asRecruiter().when().get("/api/v1/applications/" + application).then().body("status", equalTo("interested"));
    }

    @Test
    void aSimulatedPhotoOfADocumentIsAnImageShownInline() {
        String reply = asRecruiter().body(Map.of("media", "document_photo")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(200).body("media.mime_type", equalTo("image/png")).extract().path("communication_id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.recruiter())
                .when().get("/api/v1/communications/" + reply + "/media")
                .then().statusCode(200).contentType("image/png").header("Content-Disposition", startsWith("inline;")));
    }

    @Test
    void textAndButtonTogetherOrAnUnknownMessageAreRefused() {
        asRecruiter().body(Map.of("media", "virus.exe")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(400).contentType("application/problem+json");
        asRecruiter().body(Map.of("media", "cv", "button", "Sí")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(400).contentType("application/problem+json");
        asRecruiter().body(Map.of("text", "sí", "button", "Sí")).when().post("/api/v1/communications/" + message + "/simulate-reply")
                .then().statusCode(400).contentType("application/problem+json");
        asRecruiter().body(Map.of("text", "sí")).when().post("/api/v1/communications/" + UUID.randomUUID() + "/simulate-reply")
                .then().statusCode(404);
    }
}
