package com.atsplatform.communications.sending;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * An instance woken from zero sends what is due: the test profile's outbox never ticks on its own
 * (interval 1h), so only the wake-up call can send the pending message.
 */
@QuarkusTest
class OutboxWakeUpTest {

    private static final String TOKEN = "test-wake-up-token";

    @Inject
    Pool pool;

    private TestRows rows;
    private UUID id;

    @BeforeEach
    void duePendingMessageAndNoTraffic() {
        rows = new TestRows(pool);
        id = rows.duePendingMessage();
    }

    @AfterEach
    void settleOwnMessage() {
        rows.settleIfPending(id);
    }

    @Test
    void theWakeUpCallSendsThePendingMessage() {
        given().header(OutboxWakeUpResource.HEADER, TOKEN).post("/internal/outbox/drain")
                .then().statusCode(200).body("dispatched", greaterThanOrEqualTo(1));

        assertThat(rows.communication(id).getString("status")).isEqualTo("sent");
        assertThat(rows.communication(id).getString("whatsapp_message_id")).isNotNull();
    }

    @Test
    void withoutTheTokenNothingIsSent() {
        given().post("/internal/outbox/drain").then().statusCode(401).body("type", equalTo("https://atsplatform.com/problems/unauthenticated"));
        given().header(OutboxWakeUpResource.HEADER, "not-the-token").post("/internal/outbox/drain").then().statusCode(401);

        assertThat(rows.communication(id).getString("status")).isEqualTo("pending");
    }
}
