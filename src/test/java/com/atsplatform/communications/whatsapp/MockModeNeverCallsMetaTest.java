package com.atsplatform.communications.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Mock mode with a Graph API that answers 500 to everything: the mock answers every send (its
 * fallback is itself), and not one request reaches the Graph API.
 */
@QuarkusTest
@TestProfile(MockModeNeverCallsMetaTest.MockModeWithGraphConfigured.class)
class MockModeNeverCallsMetaTest {

    public static class MockModeWithGraphConfigured implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("whatsapp.mock-mode", "true", "whatsapp.phone-number-id", "PHONE_NUMBER_ID",
                    "whatsapp.access-token", "a-real-looking-token");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GraphStandIn.class));
        }
    }

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    WhatsAppGateway gateway;

    @Test
    void failingGraphApiNeverReachedInMockMode() {
        graph.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

        for (int i = 0; i < 15; i++) {
            SendOutcome outcome = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola " + i).await().atMost(Duration.ofSeconds(10));
            assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        }
        assertThat(gateway.testConnection().await().atMost(Duration.ofSeconds(10)).connected()).isTrue();
        graph.verify(0, anyRequestedFor(anyUrl()));
    }
}
