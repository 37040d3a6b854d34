package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** The communications table as the later features use it: JSONB columns, enums, the unique wamid. */
@QuarkusTest
class CommunicationRepositoryTest {

    @Inject
    CommunicationRepository communications;

    private UUID candidate;
    private UUID application;

    @BeforeEach
    void createCandidateAndApplication() {
        candidate = UUID.fromString(createCandidate("Repository Test"));
        application = UUID.fromString(createApplication(candidate.toString(), "Role"));
    }

    @Test
    @RunOnVertxContext
    void storesAndReadsEveryKindOfColumn(UniAsserter asserter) {
        Communication message = outbound("wamid." + UUID.randomUUID());
        message.variables = new TemplateVariables("es", List.of("Ana", "Backend developer"));
        message.responseMetadata = Map.of("pricing", Map.of("category", "utility", "billable", true));
        message.interestStatus = InterestStatus.NOT_INTERESTED;

        asserter.execute(() -> Panache.withTransaction(() -> communications.persist(message)));
        asserter.assertThat(() -> Panache.withSession(() -> communications.findById(message.communicationId)), read -> {
            assertNotNull(read.createdAt);
            assertEquals(List.of("Ana", "Backend developer"), read.variables.body());
            assertEquals("utility", ((Map<?, ?>) read.responseMetadata.get("pricing")).get("category"));
            assertEquals(InterestStatus.NOT_INTERESTED, read.interestStatus);
            assertEquals(CommunicationStatus.PENDING, read.status);
            assertEquals(Direction.OUTBOUND, read.direction);
            assertEquals(MessageType.INITIAL, read.messageType);
        });
    }

    @Test
    @RunOnVertxContext
    void whatsappMessageIdIsUnique(UniAsserter asserter) {
        String wamid = "wamid." + UUID.randomUUID();
        asserter.execute(() -> Panache.withTransaction(() -> communications.persist(outbound(wamid))));
        asserter.assertFailedWith(() -> Panache.withTransaction(() -> communications.persist(outbound(wamid))),
                failure -> assertTrue(causes(failure).contains("communications_whatsapp_message_id_key"), causes(failure)));
        asserter.assertEquals(() -> Panache.withSession(() -> communications.count("whatsappMessageId", wamid)), 1L);
    }

    private Communication outbound(String wamid) {
        Communication message = new Communication();
        message.candidateId = candidate;
        message.applicationId = application;
        message.direction = Direction.OUTBOUND;
        message.messageType = MessageType.INITIAL;
        message.templateId = "job_offer_v1";
        message.recipientPhone = "+573005550101";
        message.whatsappMessageId = wamid;
        return message;
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
