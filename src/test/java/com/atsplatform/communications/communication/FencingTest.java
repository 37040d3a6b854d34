package com.atsplatform.communications.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.whatsapp.MetaError;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The claim token decides who may call Meta for a message and record what became of it. */
@QuarkusTest
class FencingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    CommunicationStore store;

    @Inject
    Pool pool;

    private TestRows rows;
    private UUID id;

    @BeforeEach
    void duePendingMessage() {
        rows = new TestRows(pool);
        id = rows.duePendingMessage();
    }

    /** The message this test left pending is settled, so no later outbox round (of any test) sends it. */
    @AfterEach
    void settleOwnMessage() {
        rows.settleIfPending(id);
    }

    @Test
    void aSenderWhoseClaimExpiredAndWasTakenAgainCanNeitherCallMetaNorRecordAnOutcome() {
        PendingMessage first = claim();
        rows.execute("update communications set lease_expires_at = now() - interval '1 second' where communication_id = $1", Tuple.of(id));
        PendingMessage second = claim();
        assertThat(second.claimToken()).isNotEqualTo(first.claimToken());

        assertThat(store.fence(first, LEASE).await().atMost(WAIT)).isEmpty();
        assertThat(store.accepted(first, "wamid.FIRST", 1).await().atMost(WAIT)).isFalse();
        assertThat(store.failed(first, null, "unreachable", 1).await().atMost(WAIT)).isFalse();
        assertThat(store.deferred(first, null, "unreachable", true, 1, Duration.ofSeconds(1)).await().atMost(WAIT)).isEmpty();
        Row untouched = rows.communication(id);
        assertThat(untouched.getString("status")).isEqualTo("pending");
        assertThat(untouched.getUUID("claim_token")).isEqualTo(second.claimToken());

        assertThat(store.fence(second, LEASE).await().atMost(WAIT)).isPresent();
        assertThat(store.accepted(second, "wamid.SECOND", 1).await().atMost(WAIT)).isTrue();
        Row sent = rows.communication(id);
        assertThat(sent.getString("status")).isEqualTo("sent");
        assertThat(sent.getString("whatsapp_message_id")).isEqualTo("wamid.SECOND");
        assertThat(sent.getUUID("claim_token")).isNull();
    }

    @Test
    void aFencedSenderHoldsTheMessageForItsWholeCallSoNobodyElseCanClaimIt() {
        PendingMessage claimed = claim();
        assertThat(store.fence(claimed, Duration.ofSeconds(45)).await().atMost(WAIT)).isPresent();

        Row calling = rows.communication(id);
        assertThat(calling.getOffsetDateTime("call_started_at")).isNotNull();
        assertThat(calling.getOffsetDateTime("lease_expires_at").toInstant()).isAfter(Instant.now().plus(Duration.ofSeconds(40)));
        rows.execute("update communications set next_attempt_at = now() - interval '1 minute' where communication_id = $1", Tuple.of(id));
        assertThat(claimAll()).extracting(PendingMessage::communicationId).doesNotContain(id);
    }

    @Test
    void aCallWhoseSenderDiedWaitsForMetasStatusBeforeAnyoneSendsItAgain() {
        rows.execute("""
                update communications set call_started_at = now() - interval '5 seconds', claim_token = gen_random_uuid(),
                       lease_expires_at = now() - interval '1 second'
                 where communication_id = $1""", Tuple.of(id));

        assertThat(store.rescheduleOrphanedCalls(Duration.ofMinutes(2), MetaError.senderStoppedMidCall().summary()).await().atMost(WAIT)).isGreaterThanOrEqualTo(1);

        Row waiting = rows.communication(id);
        assertThat(waiting.getString("status")).isEqualTo("pending");
        assertThat(waiting.getOffsetDateTime("call_started_at")).isNull();
        assertThat(waiting.getUUID("claim_token")).isNull();
        assertThat(waiting.getOffsetDateTime("next_attempt_at").toInstant())
                .isBetween(Instant.now().plus(Duration.ofSeconds(100)), Instant.now().plus(Duration.ofSeconds(120)));
        assertThat(waiting.getString("error_message")).contains("Meta may have accepted");
        assertThat(claimAll()).extracting(PendingMessage::communicationId).doesNotContain(id);
    }

    private PendingMessage claim() {
        return claimAll().stream().filter(message -> message.communicationId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the due message was not claimed"));
    }

    private List<PendingMessage> claimAll() {
        return store.claimDue(1000, LEASE).await().atMost(WAIT);
    }
}
