package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.sending.OutboxWorker;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Meta unreachable since start-up, so not even the template list could be loaded: a template send
 * is not refused for that; it is stored pending (202) and goes out when Meta is back.
 */
@QuarkusTest
@TestProfile(MetaDownFromTheStartTest.FreshInstance.class)
class MetaDownFromTheStartTest {

    /** Its own instance, so the template cache starts empty. */
    public static class FreshInstance extends LiveGraphProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("whatsapp.templates.refresh-interval", "58m");
            return overrides;
        }
    }

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    OutboxWorker outbox;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Pool pool;

    @Test
    void templateSendWhileMetaIsDownIsPendingAndSentLater() {
        graph.stubFor(get(urlPathEqualTo("/v21.0/WABA_ID/message_templates")).willReturn(aResponse().withStatus(503)));
        graph.stubFor(post(urlPathEqualTo("/v21.0/PHONE_NUMBER_ID/messages")).willReturn(aResponse().withStatus(503)));
        String candidate = createCandidate("Meta Down");
        String application = createApplication(candidate, "QA");

        String id = asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","QA"]}"""
                .formatted(application, candidate))
                .when().post("/api/v1/communications/send")
                .then().statusCode(202).body("status", equalTo("pending")).extract().path("communication_id");

        graph.resetAll();
        graph.stubFor(post(urlPathEqualTo("/v21.0/PHONE_NUMBER_ID/messages")).willReturn(okJson("""
                {"messages":[{"id":"wamid.BACK"}]}""")));
        breakers.resetAll();
        new TestRows(pool).execute("update communications set next_attempt_at = now() where communication_id = $1",
                Tuple.of(UUID.fromString(id)));
        outbox.drain().await().atMost(Duration.ofSeconds(30));

        asRecruiter().when().get("/api/v1/communications/" + id)
                .then().body("status", equalTo("sent")).body("whatsapp_message_id", equalTo("wamid.BACK"));
    }
}
