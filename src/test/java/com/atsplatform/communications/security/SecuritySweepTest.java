package com.atsplatform.communications.security;

import static com.atsplatform.communications.TestRows.SECRET;
import static com.atsplatform.communications.TestRows.sign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every {@code /api/v1} operation the OpenAPI document lists is tried with each kind of bad
 * credential, so an endpoint added later without a role check fails here; the webhook's signature
 * is checked against the bytes, not the JSON; and nothing of it puts a phone number, a message body
 * or a token into the logs.
 */
@QuarkusTest
class SecuritySweepTest {

    /** A Colombian mobile number, a message body and the JWT prefix: none may reach a log line. */
    private static final Pattern PHONE = Pattern.compile("\\+?57 ?3\\d{2} ?\\d{3} ?\\d{4}");
    private static final String BODY = "Mensaje secreto del candidato";

    private final ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null && message != null) {
                try {
                    message = String.format(message, record.getParameters());
                } catch (RuntimeException notAFormat) {
                    message = message + " " + List.of(record.getParameters());
                }
            }
            logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        rootLogger().addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        rootLogger().removeHandler(capture);
    }

    /** One operation of the API: its method and path, path parameters filled with random ids. */
    record Operation(String method, String path) {

        Response call(RequestSpecification request) {
            String concrete = path.replaceAll("\\{[a-z_]+}", UUID.randomUUID().toString());
            RequestSpecification withBody = method.equals("get") ? request
                    : request.contentType("application/json").body("{\"text\":\"" + BODY + "\",\"phone\":\"+573005550101\"}");
            return withBody.request(method.toUpperCase(), concrete);
        }
    }

    @Test
    void everyApiOperationRefusesEveryKindOfBadCredential() throws Exception {
        List<Operation> operations = apiOperations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(12);
        Map<String, String> badTokens = Map.of("expired", Tokens.expired(), "another key", Tokens.signedByAnotherKey(),
                "another issuer", Tokens.fromAnotherIssuer(), "garbage", "not-a-jwt");
        String noRole = Tokens.withGroups("candidate");
        List<String> leaks = new ArrayList<>();

        for (Operation operation : operations) {
            expect(leaks, operation, "no token", operation.call(given()), 401);
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                expect(leaks, operation, bad.getKey(), operation.call(given().auth().oauth2(bad.getValue())), 401);
            }
            expect(leaks, operation, "no allowed role", operation.call(given().auth().oauth2(noRole)), 403);
        }

        assertThat(leaks).isEmpty();
        assertNothingPersonalWasLogged(List.of(noRole, badTokens.get("expired"), badTokens.get("another key")));
    }

    @Test
    void theWebhookSignatureHoldsOnlyForMetasExactBytes() {
        String body = TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", TestRows.wamid(),
                "COMMUNICATION_UUID", UUID.randomUUID().toString()));
        String signature = sign(body.getBytes(StandardCharsets.UTF_8), SECRET);
        List<byte[]> notMetasBytes = List.of(
                ("\uFEFF" + body).getBytes(StandardCharsets.UTF_8),
                (body + "\n ").getBytes(StandardCharsets.UTF_8),
                reserialised(body).getBytes(StandardCharsets.UTF_8));

        for (byte[] altered : notMetasBytes) {
            given().contentType("application/json").header("X-Hub-Signature-256", signature).body(altered)
                    .post("/webhook/whatsapp").then().statusCode(401);
        }
        given().contentType("application/json").header("X-Hub-Signature-256", signature).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhook/whatsapp").then().statusCode(200);
        // A replay of the same signed delivery is accepted and changes nothing (it is not a new event).
        given().contentType("application/json").header("X-Hub-Signature-256", signature).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhook/whatsapp").then().statusCode(200);
        assertNothingPersonalWasLogged(List.of(signature));
    }

    private static void expect(List<String> failures, Operation operation, String kind, Response response, int status) {
        if (response.statusCode() != status || !response.contentType().startsWith("application/problem+json")) {
            failures.add(operation + " with " + kind + ": " + response.statusCode() + " " + response.contentType());
        }
    }

    private void assertNothingPersonalWasLogged(List<String> secrets) {
        assertThat(logged).allSatisfy(line -> {
            assertThat(PHONE.matcher(line).find()).as("phone number in: %s", line).isFalse();
            assertThat(line).doesNotContain(BODY).doesNotContain("eyJ");
            secrets.forEach(secret -> assertThat(line).doesNotContain(secret));
        });
    }

    private static List<Operation> apiOperations() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").asString()).path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new Operation(method, path.getKey()));
                }
            });
        }
        return operations;
    }

    private static String reserialised(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Logger rootLogger() {
        return LogContext.getLogContext().getLogger("");
    }
}
