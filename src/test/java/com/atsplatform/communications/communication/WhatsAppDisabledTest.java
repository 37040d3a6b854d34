package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.security.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** WHATSAPP_ENABLED=false: sends and retries answer 503 with a clear problem; reads still work. */
@QuarkusTest
@TestProfile(WhatsAppDisabledTest.Disabled.class)
class WhatsAppDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("whatsapp.enabled", "false");
        }
    }

    @Test
    void sendAndRetryAreServiceUnavailable() {
        String candidate = createCandidate("Disabled Test");
        String application = createApplication(candidate, "QA");

        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["a","b","c"]}"""
                .formatted(application, candidate))
                .when().post("/api/v1/communications/send")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/whatsapp-disabled"));
        asRecruiter().when().post("/api/v1/communications/" + UUID.randomUUID() + "/retry").then().statusCode(503);
        asRecruiter().queryParam("candidate_id", candidate).when().get("/api/v1/communications").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/communications/whatsapp/status")
                .then().statusCode(200).body("enabled", equalTo(false)).body("connected", equalTo(false));
    }
}
