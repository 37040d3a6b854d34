package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The row mapping reads every column the stores write: JSONB objects, lower-case enums; the table keeps wamids unique. */
@QuarkusTest
class CommunicationRepositoryTest {

    private static final String INSERT = """
            insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                        variables, recipient_phone, whatsapp_message_id, interest_status, response_metadata)
            values ($1, $2, $3, 'outbound', 'initial', 'job_offer_v1', '{"language":"es","body":["Ana","Backend developer"]}',
                    '+573005550101', $4, 'not_interested', '{"pricing":{"category":"utility","billable":true}}')""";

    @Inject
    CommunicationRepository communications;

    @Inject
    Pool pool;

    private TestRows rows;
    private UUID candidate;
    private UUID application;

    @BeforeEach
    void createCandidateAndApplication() {
        rows = new TestRows(pool);
        candidate = UUID.fromString(createCandidate("Repository Test"));
        application = UUID.fromString(createApplication(candidate.toString(), "Role"));
    }

    @Test
    @RunOnVertxContext
    void theMappingReadsEveryKindOfColumn(UniAsserter asserter) {
        UUID id = UUID.randomUUID();
        asserter.execute(() -> pool.preparedQuery(INSERT).execute(Tuple.of(id, application, candidate, "wamid." + id)));

        asserter.assertThat(() -> communications.findById(id), read -> {
            assertThat(read.createdAt).isNotNull();
            assertThat(read.variables.language()).isEqualTo("es");
            assertThat(read.variables.body()).isEqualTo(List.of("Ana", "Backend developer"));
            assertThat(((Map<?, ?>) read.responseMetadata.get("pricing")).get("category")).isEqualTo("utility");
            assertThat(read.interestStatus).isEqualTo(InterestStatus.NOT_INTERESTED);
            assertThat(read.status).isEqualTo(CommunicationStatus.PENDING);
            assertThat(read.direction).isEqualTo(Direction.OUTBOUND);
            assertThat(read.messageType).isEqualTo(MessageType.INITIAL);
        });
    }

    @Test
    void aWhatsappMessageIdIsStoredOnce() {
        String wamid = "wamid." + UUID.randomUUID();
        rows.execute(INSERT, Tuple.of(UUID.randomUUID(), application, candidate, wamid));

        assertThatThrownBy(() -> rows.execute(INSERT, Tuple.of(UUID.randomUUID(), application, candidate, wamid)))
                .hasMessageContaining("communications_whatsapp_message_id_key");
        assertThat(rows.count("select count(*) from communications where whatsapp_message_id = $1", Tuple.of(wamid))).isEqualTo(1);
    }
}
