package com.atsplatform.communications;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * What ships is what is tested: the packaged jar, started by Quarkus in the prod profile (JSON
 * logs, no dev or test settings), against a real PostgreSQL: health, a send with a signed OIDC
 * token, and Meta's signed status webhook for that message.
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
}
