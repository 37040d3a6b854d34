package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Sends that arrive together while the template list is still being fetched all wait for the same
 * fetch, and each goes on in its own request: none gets another's database session.
 */
@QuarkusTest
@TestProfile(ColdTemplateCatalogTest.FreshInstance.class)
class ColdTemplateCatalogTest {

    /** Its own instance, so the template cache starts empty. */
    public static class FreshInstance extends LiveGraphProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("whatsapp.templates.refresh-interval", "59m");
            return overrides;
        }
    }

    @InjectGraphStandIn
    WireMockServer graph;

    @Test
    void concurrentSendsWhileTheTemplatesAreFetchedAllSucceed() throws Exception {
        graph.stubFor(get(urlPathEqualTo("/v21.0/WABA_ID/message_templates")).willReturn(okJson("""
                {"data":[{"name":"job_opportunity","language":"es","status":"APPROVED","category":"UTILITY",
                          "components":[{"type":"BODY","text":"Hola {{1}}"}]}]}""").withFixedDelay(500)));
        graph.stubFor(post(urlPathEqualTo("/v21.0/PHONE_NUMBER_ID/messages")).willReturn(okJson("""
                {"messages":[{"id":"wamid.{{randomValue length=20 type='ALPHANUMERIC'}}"}]}""").withTransformers("response-template")));
        String candidate = createCandidate("Cold Catalog");
        String application = createApplication(candidate, "QA");
        String body = """
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana"]}"""
                .formatted(application, candidate);

        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sends.add(CompletableFuture.supplyAsync(
                        () -> asRecruiter().body(body).when().post("/api/v1/communications/send").then().extract().statusCode(), clients));
            }
            for (CompletableFuture<Integer> send : sends) {
                assertThat(send.get()).isEqualTo(201);
            }
        } finally {
            clients.shutdown();
        }
    }
}
