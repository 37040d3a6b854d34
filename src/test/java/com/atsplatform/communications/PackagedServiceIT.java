package com.atsplatform.communications;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * What ships is what is tested: the packaged artifact (the jar, or the native runner under
 * {@code -Pnative}), started by Quarkus in the prod profile (JSON logs, no dev or test settings),
 * against a real PostgreSQL: health, OpenAPI, a send with a signed OIDC token, Meta's signed status
 * webhook for it, a candidate's STOP and the refusal that follows, problem bodies.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedServiceDatabase.class, restrictToAnnotatedClass = true)
class PackagedServiceIT {

    @Test
    void readyWithItsDatabaseAndTheWebhookConfigured() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/webhook/whatsapp/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aSendIsStoredAndMetasStatusWebhookMovesIt() {
        String candidate = createCandidate("Packaged Test");
        String application = createApplication(candidate, "Backend developer");
        String wamid = asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","Dev","Acme"]}"""
                .formatted(application, candidate))
                .when().post("/api/v1/communications/send")
                .then().statusCode(201).body("status", equalTo("sent")).body("whatsapp_message_id", startsWith("wamid."))
                .extract().path("whatsapp_message_id");
        String id = asRecruiter().get("/api/v1/communications?application_id=" + application)
                .then().statusCode(200).extract().path("items[0].communication_id");

        String delivery = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","statuses":[{"id":"%s","status":"delivered","timestamp":"1764064710",
                  "recipient_id":"573005550101","pricing":{"billable":true,"category":"utility"}}]}}]}]}""".formatted(wamid);
        given().contentType("application/json")
                .header("X-Hub-Signature-256", TestRows.sign(delivery.getBytes(StandardCharsets.UTF_8), PackagedServiceDatabase.APP_SECRET))
                .body(delivery).post("/webhook/whatsapp")
                .then().statusCode(200).body("applied", equalTo(1));

        asRecruiter().get("/api/v1/communications/" + id).then().statusCode(200).body("status", equalTo("delivered"));
        asRecruiter().get("/api/v1/applications/" + application).then().body("status", equalTo("contacted"));
    }

    @Test
    void anUnsignedWebhookAndATokenlessCallAreRefused() {
        given().contentType("application/json").body("{}").post("/webhook/whatsapp").then().statusCode(401);
        given().get("/api/v1/candidates").then().statusCode(401).body("type", containsString("unauthenticated"));
    }

    @Test
    void aStopReplyOptsTheCandidateOutAndTheNextSendIsRefusedWithAProblem() {
        String candidate = createCandidate("Packaged Stop");
        String application = createApplication(candidate, "Backend developer");
        String send = """
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","Dev","Acme"]}"""
                .formatted(application, candidate);
        String wamid = asRecruiter().body(send).when().post("/api/v1/communications/send")
                .then().statusCode(201).extract().path("whatsapp_message_id");
        String stop = TestRows.payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", wamid, "wamid.INBOUND_TEXT_ID", TestRows.wamid(),
                "573105550101", "573005550101", "¡Hola! Sí, me interesa 😊", "STOP"));
        given().contentType("application/json")
                .header("X-Hub-Signature-256", TestRows.sign(stop.getBytes(StandardCharsets.UTF_8), PackagedServiceDatabase.APP_SECRET))
                .body(stop.getBytes(StandardCharsets.UTF_8)).post("/webhook/whatsapp")
                .then().statusCode(200).body("applied", equalTo(1));

        asRecruiter().get("/api/v1/candidates/" + candidate).then().statusCode(200).body("whatsapp_opt_out", equalTo(true));
        asRecruiter().body(send).when().post("/api/v1/communications/send")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/candidate-opted-out")).body("status", equalTo(422));
    }

    @Test
    void badInputIsAProblemAndTheApiIsDescribed() {
        asRecruiter().body("{\"full_name\":\"\",\"phone\":\"not a phone\"}").when().post("/api/v1/candidates")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400)).body("title", notNullValue());
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/communications/send"));
    }
}
