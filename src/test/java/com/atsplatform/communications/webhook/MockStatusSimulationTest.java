package com.atsplatform.communications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows.Outbound;
import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.WhatsAppGateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@TestProfile(MockStatusSimulationTest.FastSimulation.class)
class MockStatusSimulationTest {

    public static class FastSimulation implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("whatsapp.mock.simulate-statuses", "true", "whatsapp.mock.sent-after", "0.1s",
                    "whatsapp.mock.delivered-after", "0.3s", "whatsapp.mock.read-after", "0.6s");
        }
    }

    @Inject
    WhatsAppGateway gateway;

    @Inject
    Pool pool;

    @Test
    void mockSendGetsSentDeliveredAndReadThroughTheWebhookPath() {
        TestRows db = new TestRows(pool);
        Outbound message = db.outbound(TestRows.phoneDigits(), "pending", null);

        SendOutcome outcome = gateway.sendText(message.communicationId(), "+573001234567", "Hola").await().atMost(Duration.ofSeconds(5));

        String wamid = ((SendOutcome.Accepted) outcome).whatsappMessageId();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Row row = db.communication(message.communicationId());
            assertThat(row.getString("status")).isEqualTo("read");
            assertThat(row.getString("whatsapp_message_id")).isEqualTo(wamid);
            assertThat(row.getOffsetDateTime("delivered_at")).isNotNull();
            assertThat(row.getOffsetDateTime("read_at")).isNotNull();
        });
    }
}
