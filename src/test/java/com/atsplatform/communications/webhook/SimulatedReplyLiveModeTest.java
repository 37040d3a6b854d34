package com.atsplatform.communications.webhook;

import static com.atsplatform.communications.Api.asRecruiter;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/** Live mode: there is no simulating a candidate. */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class SimulatedReplyLiveModeTest {

    @Inject
    Pool pool;

    @Test
    void simulateReplyDoesNotExistInLiveMode() {
        TestRows.Outbound message = new TestRows(pool).outbound(TestRows.phoneDigits(), "sent", TestRows.wamid());

        asRecruiter().body(Map.of("text", "Sí")).when().post("/api/v1/communications/" + message.communicationId() + "/simulate-reply")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
