package com.atsplatform.communications.analytics;

import static com.atsplatform.communications.Api.asRecruiter;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The funnel on a known data set, kept apart from other tests' rows by its own template and position. */
@QuarkusTest
class FunnelTest {

    private static final String FUNNEL = "/api/v1/analytics/funnel";

    @Inject
    Pool pool;

    private TestRows rows;
    private String template;
    private String position;
    private UUID candidate;
    private UUID application;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /**
     * Ten first contacts of one template to one position: sent, delivered, read, three replied
     * (interested after 60 s, not interested after 120 s, a question after 300 s), failed, pending,
     * one answered after its reminder (interested, 1,000 s after the first was sent), delivered with
     * its reminder unanswered; reminders themselves are no first contacts. The first was created ten days ago. Plus noise the funnel must not
     * count: a follow-up and an inbound message, and a first contact to another position.
     */
    @BeforeEach
    void knownDataSet() {
        rows = new TestRows(pool);
        template = "funnel_" + UUID.randomUUID().toString().substring(0, 8);
        position = "Funnel position " + template;
        candidate = UUID.randomUUID();
        application = UUID.randomUUID();
        rows.execute("insert into candidates (id, full_name, phone) values ($1, 'Funnel Test', '+573005550101')", Tuple.of(candidate));
        rows.execute("insert into applications (id, candidate_id, position) values ($1, $2, $3)", Tuple.of(application, candidate, position));
        initial("sent", null, null, 10);
        initial("delivered", null, null, 1);
        initial("read", null, null, 1);
        initial("replied", "interested", 60, 1);
        initial("replied", "not_interested", 120, 1);
        initial("replied", "question", 300, 1);
        initial("failed", null, null, 1);
        initial("pending", null, null, 1);
        // Answered after its reminder: the reply marks the initial replied too (ReminderTest shows it through the webhook).
        reminded(initial("replied", "interested", 1_000, 1), "replied", "interested", 1_000);
        reminded(initial("delivered", null, null, 1), "delivered", null, null);
        message(application, "outbound", "follow_up", "replied", "interested", 60, 1);
        message(application, "inbound", "reply", "delivered", "interested", null, 1);
        UUID other = UUID.randomUUID();
        rows.execute("insert into applications (id, candidate_id, position) values ($1, $2, 'Another position')", Tuple.of(other, candidate));
        message(other, "outbound", "initial", "replied", "interested", 30, 1);
    }

    @Test
    void countsEachFirstContactOncePerStageItReachedWithRemindersRepliesAndTheMedianTimeToReply() {
        asRecruiter().queryParam("template_name", template).queryParam("position", position).when().get(FUNNEL).then().statusCode(200)
                .body("sent", equalTo(8))
                .body("delivered", equalTo(7))
                .body("read", equalTo(5))
                .body("replied", equalTo(4))
                .body("interested", equalTo(2))
                .body("not_interested", equalTo(1))
                .body("question", equalTo(1))
                .body("response_rate", equalTo(0.5f))
                .body("median_seconds_to_reply", equalTo(210.0f));
    }

    @Test
    void filtersByTimePositionAndTemplate() {
        asRecruiter().queryParam("template_name", template).queryParam("position", position)
                .queryParam("since", now.minus(5, ChronoUnit.DAYS).toString()).when().get(FUNNEL).then().statusCode(200)
                .body("sent", equalTo(7));
        asRecruiter().queryParam("template_name", template).queryParam("position", position)
                .queryParam("until", now.minus(5, ChronoUnit.DAYS).toString()).when().get(FUNNEL).then().statusCode(200)
                .body("sent", equalTo(1)).body("replied", equalTo(0)).body("response_rate", equalTo(0.0f))
                .body("median_seconds_to_reply", nullValue());
        asRecruiter().queryParam("template_name", template).when().get(FUNNEL).then().statusCode(200)
                .body("sent", equalTo(9)).body("replied", equalTo(5));
        asRecruiter().queryParam("template_name", "no_such_template_" + template).when().get(FUNNEL).then().statusCode(200)
                .body("sent", equalTo(0)).body("response_rate", equalTo(0.0f));
    }

    @Test
    void sinceAfterUntilOrAMalformedTimeIsAProblem() {
        asRecruiter().queryParam("since", "2026-11-20").queryParam("until", "2026-11-10").when().get(FUNNEL).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        asRecruiter().queryParam("since", "yesterday").when().get(FUNNEL).then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        asRecruiter().queryParam("campaign_id", "not-a-uuid").when().get(FUNNEL).then().statusCode(400)
                .body("errors[0].field", equalTo("campaign_id"));
    }

    private UUID initial(String status, String interest, Integer secondsToReply, int daysAgo) {
        return message(application, "outbound", "initial", status, interest, secondsToReply, daysAgo);
    }

    private UUID message(UUID applicationId, String direction, String type, String status, String interest, Integer secondsToReply,
            int daysAgo) {
        UUID id = UUID.randomUUID();
        Instant created = now.minus(daysAgo, ChronoUnit.DAYS);
        Instant sent = "pending".equals(status) || "failed".equals(status) ? null : created.plusSeconds(5);
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id, status,
                                            interest_status, sent_at, reply_received_at, created_at, next_attempt_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $7 = 'pending' then now() + interval '1 day' end)""",
                Tuple.tuple().addUUID(id).addUUID(applicationId).addUUID(candidate).addString(direction).addString(type).addString(template)
                        .addString(status).addString(interest).addOffsetDateTime(utc(sent))
                        .addOffsetDateTime(secondsToReply == null || sent == null ? null : utc(sent.plusSeconds(secondsToReply)))
                        .addOffsetDateTime(utc(created)));
        return id;
    }

    /** The first contact's reminder went out and is in {@code status}; a reply {@code secondsToReply} after the first was sent. */
    private void reminded(UUID initial, String status, String interest, Integer secondsToReply) {
        UUID reminder = UUID.randomUUID();
        Instant initialSent = now.minus(1, ChronoUnit.DAYS).plusSeconds(5);
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id, status,
                                            interest_status, sent_at, reply_received_at)
                values ($1, $2, $3, 'outbound', 'reminder', 'job_reminder', $4, $5, now(), $6)""",
                Tuple.tuple().addUUID(reminder).addUUID(application).addUUID(candidate).addString(status).addString(interest)
                        .addOffsetDateTime(secondsToReply == null ? null : utc(initialSent.plusSeconds(secondsToReply))));
        rows.execute("""
                insert into reminders (id, initial_id, application_id, candidate_id, template_name, language, parameters, content, due_at,
                                       status, communication_id)
                values (gen_random_uuid(), $1, $2, $3, 'job_reminder', 'es', '[]', 'Hola', now(), 'sent', $4)""",
                Tuple.of(initial, application, candidate, reminder));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
