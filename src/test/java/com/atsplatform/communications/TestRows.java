package com.atsplatform.communications;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows set up and read with plain SQL, and Meta's documented payloads (src/test/resources/meta-webhooks, copies of shared/data/meta-webhooks)
 * with their placeholders replaced, signed like Meta signs them, and the rows they act on.
 */
public final class TestRows {

    public static final String SECRET = "test-app-secret";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;

    public TestRows(Pool pool) {
        this.pool = pool;
    }

    /** A payload file with each placeholder replaced. */
    public static String payload(String file, Map<String, String> replacements) {
        try (InputStream in = TestRows.class.getResourceAsStream("/meta-webhooks/" + file)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                json = json.replace(replacement.getKey(), replacement.getValue());
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidatableResponse post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Hub-Signature-256", sign(body, SECRET)).body(body)
                .when().post("/webhook/whatsapp").then();
    }

    public static String wamid() {
        return "wamid.TEST" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A Colombian mobile number no other test uses, without the +, as Meta writes it. */
    public static String phoneDigits() {
        return "57310" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    public record Outbound(UUID candidateId, UUID applicationId, UUID communicationId, String wamid) {
    }

    /** A candidate with that number, an application, and an outbound message in the given status. */
    public Outbound outbound(String phoneDigits, String status, String wamid) {
        UUID candidate = UUID.randomUUID();
        UUID application = UUID.randomUUID();
        UUID communication = UUID.randomUUID();
        execute("insert into candidates (id, full_name, phone) values ($1, 'Camila Rojas', $2)",
                Tuple.of(candidate, "+" + phoneDigits));
        execute("insert into applications (id, candidate_id, position, status) values ($1, $2, 'Backend developer', 'contacted')",
                Tuple.of(application, candidate));
        execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                            recipient_phone, whatsapp_message_id, status, sent_at)
                values ($1, $2, $3, 'outbound', 'initial', 'job_opportunity', $4, $5, $6, now())""",
                Tuple.tuple().addUUID(communication).addUUID(application).addUUID(candidate).addString("+" + phoneDigits)
                        .addString(wamid).addString(status));
        return new Outbound(candidate, application, communication, wamid);
    }

    /** A pending template message to a new candidate, due now, as the outbox finds one after an outage; returns its id. */
    public UUID duePendingMessage() {
        Outbound outbound = outbound(phoneDigits(), "sent", wamid());
        UUID id = UUID.randomUUID();
        execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                            variables, recipient_phone, status, next_attempt_at, give_up_at)
                values ($1, $2, $3, 'outbound', 'follow_up', 'job_opportunity', '{"language":"es","body":["Ana","Backend developer","Acme"]}',
                        '+573005550101', 'pending', now() - interval '1 second', now() + interval '1 day')""",
                Tuple.of(id, outbound.applicationId(), outbound.candidateId()));
        return id;
    }

    /** A message a test left pending is settled, so no later outbox round (of any test) sends it. */
    public void settleIfPending(UUID id) {
        execute("update communications set status = 'failed', next_attempt_at = null where communication_id = $1 and status = 'pending'",
                Tuple.of(id));
    }

    public Row communication(UUID id) {
        return one("select * from communications where communication_id = $1", Tuple.of(id));
    }

    public Row inbound(String wamid) {
        return one("select * from communications where whatsapp_message_id = $1 and direction = 'inbound'", Tuple.of(wamid));
    }

    public long count(String sql, Tuple parameters) {
        return one(sql, parameters).getLong(0);
    }

    public Row one(String sql, Tuple parameters) {
        var rows = pool.preparedQuery(sql).execute(parameters).await().atMost(WAIT);
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    public void execute(String sql, Tuple parameters) {
        pool.preparedQuery(sql).execute(parameters).await().atMost(WAIT);
    }
}
