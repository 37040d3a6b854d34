package com.atsplatform.communications.communication;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Idempotency-Key on send and retry: a request repeated with its key gets the first answer and sends nothing more. */
@QuarkusTest
class IdempotencyKeyTest {

    private static final String SEND = "/api/v1/communications/send";

    @Inject
    Pool pool;

    private TestRows rows;
    private String candidate;
    private String application;

    @BeforeEach
    void candidateWithApplication() {
        rows = new TestRows(pool);
        candidate = createCandidate("Idempotency Test");
        application = createApplication(candidate, "Backend developer");
    }

    @Test
    void theSameKeyAndBodyTwiceSendsOneMessageAndAnswersTheFirstAnswerAgain() {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = asRecruiter().header("Idempotency-Key", key).body(send("Ana"))
                .when().post(SEND).then().statusCode(201).extract();
        ExtractableResponse<Response> second = asRecruiter().header("Idempotency-Key", key).body(send("Ana"))
                .when().post(SEND).then().statusCode(201).header("Idempotent-Replayed", "true").extract();

        assertThat(second.<String>path("communication_id")).isEqualTo(first.path("communication_id"));
        assertThat(second.<String>path("whatsapp_message_id")).isEqualTo(first.path("whatsapp_message_id"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(messagesOfTheApplication()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessableAndSendsNothing() {
        String key = UUID.randomUUID().toString();
        asRecruiter().header("Idempotency-Key", key).body(send("Ana")).when().post(SEND).then().statusCode(201);

        asRecruiter().header("Idempotency-Key", key).body(send("Beatriz")).when().post(SEND)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/idempotency-key-reused"));
        assertThat(messagesOfTheApplication()).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestSends() {
        asRecruiter().body(send("Ana")).when().post(SEND).then().statusCode(201);
        asRecruiter().body(send("Ana")).when().post(SEND).then().statusCode(201);
        assertThat(messagesOfTheApplication()).isEqualTo(2);
    }

    @Test
    void aKeyOlderThanADayIsForgotten() {
        String key = UUID.randomUUID().toString();
        String first = asRecruiter().header("Idempotency-Key", key).body(send("Ana")).when().post(SEND).then().statusCode(201)
                .extract().path("communication_id");
        rows.execute("update idempotency_keys set created_at = now() - interval '25 hours' where idempotency_key = $1", Tuple.of(key));

        String second = asRecruiter().header("Idempotency-Key", key).body(send("Ana")).when().post(SEND).then().statusCode(201)
                .extract().path("communication_id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aProblemAnswerIsKeptAndRepeatedToo() {
        String key = UUID.randomUUID().toString();
        rows.execute("update candidates set whatsapp_opt_out = true where id = $1", Tuple.of(UUID.fromString(candidate)));
        asRecruiter().header("Idempotency-Key", key).body(send("Ana")).when().post(SEND)
                .then().statusCode(422).body("type", equalTo("https://atsplatform.com/problems/candidate-opted-out"));
        rows.execute("update candidates set whatsapp_opt_out = false where id = $1", Tuple.of(UUID.fromString(candidate)));

        asRecruiter().header("Idempotency-Key", key).body(send("Ana")).when().post(SEND)
                .then().statusCode(422).contentType("application/problem+json").header("Idempotent-Replayed", "true")
                .body("type", equalTo("https://atsplatform.com/problems/candidate-opted-out"));
        assertThat(messagesOfTheApplication()).isZero();
    }

    @Test
    void aRetryRepeatedWithItsKeyRetriesOnce() {
        UUID failed = UUID.randomUUID();
        rows.execute("""
                insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                            variables, recipient_phone, status, error_code, error_message)
                values ($1, $2, $3, 'outbound', 'initial', 'job_opportunity', '{"language":"es","body":["Ana","QA","Acme"]}',
                        '+573005550101', 'failed', 131026, 'Message undeliverable')""",
                Tuple.of(failed, UUID.fromString(application), UUID.fromString(candidate)));
        String key = UUID.randomUUID().toString();

        asRecruiter().header("Idempotency-Key", key).when().post("/api/v1/communications/" + failed + "/retry")
                .then().statusCode(201).body("retry_count", equalTo(1));
        asRecruiter().header("Idempotency-Key", key).when().post("/api/v1/communications/" + failed + "/retry")
                .then().statusCode(201).body("retry_count", equalTo(1)).header("Idempotent-Replayed", "true");

        assertThat(rows.communication(failed).getInteger("retry_count")).isEqualTo(1);
    }

    @Test
    void anOverlongKeyIsAValidationProblem() {
        asRecruiter().header("Idempotency-Key", "k".repeat(256)).body(send("Ana")).when().post(SEND)
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(messagesOfTheApplication()).isZero();
    }

    private long messagesOfTheApplication() {
        return rows.count("select count(*) from communications where application_id = $1", Tuple.of(UUID.fromString(application)));
    }

    private String send(String name) {
        return """
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity",
                 "template_variables":["%s","Backend developer","Acme"]}""".formatted(application, candidate, name);
    }
}
