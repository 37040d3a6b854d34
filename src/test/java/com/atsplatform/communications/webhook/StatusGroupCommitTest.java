package com.atsplatform.communications.webhook;

import static com.atsplatform.communications.TestRows.payload;
import static com.atsplatform.communications.TestRows.phoneDigits;
import static com.atsplatform.communications.TestRows.post;
import static com.atsplatform.communications.TestRows.wamid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.TestRows.Outbound;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Status deliveries through the group commit, against PostgreSQL: what a status writes (and when it
 * writes nothing), statuses of concurrent deliveries committed together, and failures that stay
 * with their own event or delivery. Row writes are counted by a trigger that logs every update of
 * this test's messages.
 */
@QuarkusTest
class StatusGroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Messages whose wamid starts so cannot commit: a deferred trigger refuses it at COMMIT. */
    private static final String COMMIT_REFUSED = "wamid.COMMIT_REFUSED_";

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private TestRows db;

    @BeforeEach
    void fixtures() {
        db = new TestRows(pool);
        db.execute("create table if not exists test_row_writes (communication_id uuid, at timestamptz default clock_timestamp())", Tuple.tuple());
        db.execute("""
                create or replace function test_log_row_write() returns trigger language plpgsql as $$
                begin
                    insert into test_row_writes (communication_id) values (new.communication_id);
                    return new;
                end $$""", Tuple.tuple());
        db.execute("drop trigger if exists test_row_writes on communications", Tuple.tuple());
        db.execute("create trigger test_row_writes after update on communications for each row execute function test_log_row_write()",
                Tuple.tuple());
        db.execute("""
                create or replace function test_refuse_commit() returns trigger language plpgsql as $$
                begin
                    raise exception 'this message cannot commit';
                end $$""", Tuple.tuple());
        db.execute("drop trigger if exists test_refuse_commit on communications", Tuple.tuple());
        db.execute("""
                create constraint trigger test_refuse_commit after update on communications deferrable initially deferred
                for each row when (new.whatsapp_message_id like '%s%%') execute function test_refuse_commit()""".formatted(COMMIT_REFUSED),
                Tuple.tuple());
    }

    @AfterEach
    void dropTriggers() {
        db.execute("drop trigger if exists test_row_writes on communications", Tuple.tuple());
        db.execute("drop trigger if exists test_refuse_commit on communications", Tuple.tuple());
    }

    @Test
    void aStatusThatChangesNothingWritesNothing() {
        Outbound message = db.outbound(phoneDigits(), "sent", wamid());
        String delivered = statusDelivery(status(message.wamid(), "delivered", 1764064710, true));
        post(delivered).statusCode(200).body("applied", equalTo(1));
        Row before = db.communication(message.communicationId());

        post(delivered).statusCode(200).body("duplicate", equalTo(1)).body("applied", equalTo(0));
        post(statusDelivery(status(message.wamid(), "sent", 1764064700, true))).statusCode(200).body("duplicate", equalTo(1));

        assertThat(writes(message)).isEqualTo(1);
        Row after = db.communication(message.communicationId());
        assertThat(after.getOffsetDateTime("updated_at")).isEqualTo(before.getOffsetDateTime("updated_at"));
        assertThat(after.getString("status")).isEqualTo("delivered");
    }

    @Test
    void concurrentRedeliveriesOfAStatusWriteTheMessageOnce() throws Exception {
        Outbound message = db.outbound(phoneDigits(), "sent", wamid());
        String read = statusDelivery(status(message.wamid(), "read", 1764064720, false));

        List<JsonPath> answers = postConcurrently(List.of(read, read, read, read, read, read, read, read));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getInt("applied") + answer.getInt("duplicate")).isEqualTo(1));
        assertThat(writes(message)).isEqualTo(1);
        assertThat(db.communication(message.communicationId()).getString("status")).isEqualTo("read");
    }

    @Test
    void statusesOfOneMessageInOneBatchEndAsIfAppliedOneAfterTheOther() {
        Outbound message = db.outbound(phoneDigits(), "sent", wamid());
        db.execute("update communications set sent_at = null where communication_id = $1", Tuple.of(message.communicationId()));
        String statuses = String.join(",",
                status(message.wamid(), "read", 1764064720, false),
                status(message.wamid(), "sent", 1764064700, true),
                status(message.wamid(), "delivered", 1764064710, false).replace("}", ",\"conversation\":{\"id\":\"CONVERSATION_ID\"}}"),
                status(message.wamid(), "sent", 1764064705, false).replace("}", ",\"pricing\":{\"category\":\"utility\"}}"));

        post(statusDelivery(statuses)).statusCode(200).body("applied", equalTo(4));

        Row row = db.communication(message.communicationId());
        assertThat(row.getString("status")).isEqualTo("read");
        assertThat(row.getOffsetDateTime("sent_at").toInstant()).isEqualTo(Instant.ofEpochSecond(1764064700));
        assertThat(row.getOffsetDateTime("delivered_at").toInstant()).isEqualTo(Instant.ofEpochSecond(1764064710));
        assertThat(row.getOffsetDateTime("read_at").toInstant()).isEqualTo(Instant.ofEpochSecond(1764064720));
        assertThat(row.getJsonObject("response_metadata").getJsonObject("pricing").getString("category")).isEqualTo("utility");
        assertThat(row.getJsonObject("response_metadata").getJsonObject("conversation").getString("id")).isEqualTo("CONVERSATION_ID");
        assertThat(writes(message)).isEqualTo(2); // the nulled sent_at, then the batch
    }

    @Test
    void deliveriesArrivingWhileABatchIsWritingCommitTogetherAndARefusedOneAffectsOnlyItself() throws Exception {
        Outbound blocker = db.outbound(phoneDigits(), "sent", wamid());
        List<Outbound> messages = new ArrayList<>();
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Outbound message = db.outbound(phoneDigits(), "sent", wamid());
            messages.add(message);
            deliveries.add(statusDelivery(status(message.wamid(), "delivered", 1764064710, true)));
        }
        Outbound refused = db.outbound(phoneDigits(), "sent", wamid());
        // PostgreSQL's jsonb cannot hold \u0000: the database refuses this status as data.
        deliveries.add(statusDelivery(status(refused.wamid(), "delivered", 1764064710, false)
                .replace("}", ",\"pricing\":{\"category\":\"a\\u0000b\"}}")));
        DistributionSummary batches = registry.get("webhook.status.batch").summary();
        long batchesBefore = batches.count();
        double statusesBefore = batches.totalAmount();

        // The writer is held on the first message's row lock, so the others queue behind it.
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        List<JsonPath> answers;
        CompletableFuture<JsonPath> first;
        try {
            holder.query("begin").execute().await().atMost(WAIT);
            holder.preparedQuery("select 1 from communications where communication_id = $1 for update")
                    .execute(Tuple.of(blocker.communicationId())).await().atMost(WAIT);
            first = CompletableFuture.supplyAsync(() -> post(statusDelivery(status(blocker.wamid(), "delivered", 1764064710, true)))
                    .statusCode(200).extract().jsonPath());
            await().atMost(WAIT).until(() -> waiting() == 0 && lockWaits() == 1);
            CompletableFuture<List<JsonPath>> rest = CompletableFuture.supplyAsync(() -> postConcurrently(deliveries));
            await().atMost(WAIT).until(() -> waiting() == deliveries.size());
            holder.query("commit").execute().await().atMost(WAIT);
            answers = rest.get();
        } finally {
            holder.close().await().atMost(WAIT);
        }

        assertThat(first.get().getInt("applied")).isEqualTo(1);
        assertThat(answers.subList(0, 10)).allSatisfy(answer -> assertThat(answer.getInt("applied")).isEqualTo(1));
        assertThat(answers.get(10).getInt("invalid")).isEqualTo(1);
        assertThat(messages).allSatisfy(message -> assertThat(db.communication(message.communicationId()).getString("status"))
                .isEqualTo("delivered"));
        assertThat(db.communication(refused.communicationId()).getString("status")).isEqualTo("sent");
        assertThat(batches.count() - batchesBefore).isEqualTo(2);
        assertThat(batches.totalAmount() - statusesBefore).isEqualTo(1 + deliveries.size());
    }

    @Test
    void aBatchWhoseCommitFailsAnswers5xxAndLeavesNothingOfItsDeliveries() {
        Outbound refused = db.outbound(phoneDigits(), "sent", COMMIT_REFUSED + wamid());
        Outbound other = db.outbound(phoneDigits(), "sent", wamid());
        String delivery = statusDelivery(String.join(",", status(other.wamid(), "delivered", 1764064710, true),
                status(refused.wamid(), "delivered", 1764064710, true), status(refused.wamid(), "read", 1764064720, false)));

        post(delivery).statusCode(500);

        assertThat(writes(refused)).isZero();
        assertThat(writes(other)).isZero();
        assertThat(db.communication(other.communicationId()).getString("status")).isEqualTo("sent");
        assertThat(db.communication(refused.communicationId()).getOffsetDateTime("delivered_at")).isNull();

        db.execute("drop trigger test_refuse_commit on communications", Tuple.tuple());
        post(delivery).statusCode(200).body("applied", equalTo(3));
        assertThat(db.communication(refused.communicationId()).getString("status")).isEqualTo("read");
    }

    @Test
    void aReplyWhoseCommitFailsAnswers5xxAndLeavesNothing() {
        String phone = phoneDigits();
        Outbound answered = db.outbound(phone, "read", COMMIT_REFUSED + wamid());
        String reply = wamid();
        String json = payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", answered.wamid(), "wamid.INBOUND_TEXT_ID", reply,
                "573105550101", phone));

        post(json).statusCode(500);

        assertThat(db.count("select count(*) from communications where whatsapp_message_id = $1", Tuple.of(reply))).isZero();
        assertThat(db.communication(answered.communicationId()).getString("status")).isEqualTo("read");
        assertThat(db.one("select status from applications where id = $1", Tuple.of(answered.applicationId())).getString("status"))
                .isEqualTo("contacted");

        db.execute("drop trigger test_refuse_commit on communications", Tuple.tuple());
        post(json).statusCode(200).body("applied", equalTo(1));
        assertThat(db.communication(answered.communicationId()).getString("status")).isEqualTo("replied");
        assertThat(db.one("select status from applications where id = $1", Tuple.of(answered.applicationId())).getString("status"))
                .isEqualTo("interested");
    }

    private long writes(Outbound message) {
        return db.count("select count(*) from test_row_writes where communication_id = $1", Tuple.of(message.communicationId()));
    }

    private double waiting() {
        return registry.get("webhook.status.waiting").gauge().value();
    }

    /** Sessions of this database waiting for a row lock. */
    private long lockWaits() {
        return db.count("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", Tuple.tuple());
    }

    private static List<JsonPath> postConcurrently(List<String> deliveries) {
        ExecutorService threads = Executors.newFixedThreadPool(deliveries.size());
        try {
            List<CompletableFuture<JsonPath>> posts = deliveries.stream()
                    .map(json -> CompletableFuture.supplyAsync(() -> post(json).statusCode(200).extract().jsonPath(), threads))
                    .toList();
            return posts.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    private static String status(String wamid, String status, long timestamp, boolean pricing) {
        return """
                {"id":"%s","status":"%s","timestamp":"%d","recipient_id":"1"%s}""".formatted(wamid, status, timestamp,
                pricing ? ",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\"}" : "");
    }

    private static String statusDelivery(String statuses) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","statuses":[%s]}}]}]}""".formatted(statuses);
    }
}
