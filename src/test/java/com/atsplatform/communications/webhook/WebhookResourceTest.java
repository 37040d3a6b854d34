package com.atsplatform.communications.webhook;

import static com.atsplatform.communications.TestRows.payload;
import static com.atsplatform.communications.TestRows.phoneDigits;
import static com.atsplatform.communications.TestRows.post;
import static com.atsplatform.communications.TestRows.sign;
import static com.atsplatform.communications.TestRows.wamid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows.Outbound;
import com.atsplatform.communications.TestRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class WebhookResourceTest {

    @Inject
    Pool pool;

    private TestRows db;

    @BeforeEach
    void fixtures() {
        db = new TestRows(pool);
    }

    // --- Verification and signatures -------------------------------------------------------------

    @Test
    void subscriptionCheckEchoesTheChallenge() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhook/whatsapp")
                .then().statusCode(200).contentType("text/plain").body(equalTo("1158201444"));
    }

    @Test
    void subscriptionCheckWithWrongTokenOrModeIsForbidden() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess").queryParam("hub.challenge", "1")
                .when().get("/webhook/whatsapp").then().statusCode(403).contentType("application/problem+json");
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token").queryParam("hub.challenge", "1")
                .when().get("/webhook/whatsapp").then().statusCode(403);
    }

    @Test
    void missingOrWrongSignatureIsUnauthorizedAndNothingIsStored() {
        String inbound = wamid();
        String json = payload("inbound-text-reply.json", Map.of("wamid.INBOUND_TEXT_ID", inbound, "573105550101", phoneDigits()));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        given().contentType("application/json").body(body).when().post("/webhook/whatsapp")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/invalid-signature"));
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body, "another-secret")).body(body)
                .when().post("/webhook/whatsapp").then().statusCode(401);
        given().contentType("application/json").header("X-Hub-Signature-256", "sha256=nothex").body(body)
                .when().post("/webhook/whatsapp").then().statusCode(401);
        // Signed over other bytes of the same JSON (re-serialised without the accents' UTF-8 form).
        byte[] reserialised = json.replace("Sí", "S\\u00ed").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Hub-Signature-256", sign(reserialised, TestRows.SECRET)).body(body)
                .when().post("/webhook/whatsapp").then().statusCode(401);

        assertThat(db.inbound(inbound)).isNull();
    }

    @Test
    void signatureIsOverTheRawBytesWithAccentsAndEmoji() {
        String inbound = wamid();
        String json = payload("inbound-text-reply.json", Map.of("wamid.INBOUND_TEXT_ID", inbound, "573105550101", phoneDigits(),
                "¡Hola! Sí, me interesa 😊", "¡Hola! Sí, me interesa 😊 \\u00bfcu\\u00e1ndo? ñandú 🇨🇴"));

        post(json).statusCode(200).body("applied", equalTo(1));

        assertThat(db.inbound(inbound).getString("content")).isEqualTo("¡Hola! Sí, me interesa 😊 ¿cuándo? ñandú 🇨🇴");
    }

    @Test
    void malformedJsonIsBadRequest() {
        post("{\"object\":\"whatsapp_business_account\",\"entry\":[").statusCode(400).contentType("application/problem+json");
        post("[1,2,3]").statusCode(400);
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body, TestRows.SECRET)).body(body)
                .when().post("/webhook/whatsapp")
                .then().statusCode(413).contentType("application/problem+json");
    }

    // --- Statuses ------------------------------------------------------------------------------------

    @Test
    void statusBeforeTheWamidWasStoredFindsTheRowByCallbackData() {
        Outbound message = db.outbound(phoneDigits(), "pending", null);
        String wamid = wamid();

        post(payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", wamid, "COMMUNICATION_UUID", message.communicationId().toString())))
                .statusCode(200).body("applied", equalTo(1));

        Row row = db.communication(message.communicationId());
        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("whatsapp_message_id")).isEqualTo(wamid);
        assertThat(row.getOffsetDateTime("sent_at")).isNotNull();
        assertThat(row.getJsonObject("response_metadata").getJsonObject("pricing").getString("category")).isEqualTo("marketing");
        assertThat(row.getJsonObject("response_metadata").getJsonObject("conversation").getString("id")).isEqualTo("CONVERSATION_ID");
    }

    @Test
    void readThenLateDeliveredStaysReadWithDeliveredAtFilled() {
        String wamid = wamid();
        Outbound message = db.outbound(phoneDigits(), "sent", wamid);
        String both = payload("status-delivered-and-read.json", Map.of("wamid.OUTBOUND_ID", wamid));
        String readOnly = statusesOnly(both, "read");
        String deliveredOnly = statusesOnly(both, "delivered");

        post(readOnly).statusCode(200);
        post(deliveredOnly).statusCode(200);

        Row row = db.communication(message.communicationId());
        assertThat(row.getString("status")).isEqualTo("read");
        assertThat(row.getOffsetDateTime("read_at")).isNotNull();
        assertThat(row.getOffsetDateTime("delivered_at")).isNotNull();
        assertThat(row.getJsonObject("response_metadata").getJsonObject("pricing").getBoolean("billable")).isTrue();
    }

    @Test
    void deliveredAndReadInOnePayloadEndRead() {
        String wamid = wamid();
        Outbound message = db.outbound(phoneDigits(), "sent", wamid);

        post(payload("status-delivered-and-read.json", Map.of("wamid.OUTBOUND_ID", wamid))).statusCode(200).body("applied", equalTo(2));

        assertThat(db.communication(message.communicationId()).getString("status")).isEqualTo("read");
    }

    @Test
    void failedStatusKeepsMetaErrorAndOptedOutOfMarketingMarksTheCandidate() {
        String undeliverable = wamid();
        Outbound first = db.outbound(phoneDigits(), "sent", undeliverable);
        post(payload("status-failed.json", Map.of("wamid.OUTBOUND_ID", undeliverable))).statusCode(200);

        Row failed = db.communication(first.communicationId());
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInteger("error_code")).isEqualTo(131026);
        assertThat(failed.getString("error_message")).isEqualTo("Message undeliverable: Message Undeliverable.");
        assertThat(candidateOptedOut(first.candidateId())).isFalse();

        String marketing = wamid();
        Outbound second = db.outbound(phoneDigits(), "sent", marketing);
        post(payload("status-failed.json", Map.of("wamid.OUTBOUND_ID", marketing, "131026", "131050"))).statusCode(200);

        assertThat(db.communication(second.communicationId()).getInteger("error_code")).isEqualTo(131050);
        assertThat(candidateOptedOut(second.candidateId())).isTrue();
    }

    @Test
    void statusForAnUnknownWamidIsAcceptedAndCounted() {
        post(payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", wamid(), "COMMUNICATION_UUID", UUID.randomUUID().toString())))
                .statusCode(200).body("unmatched", equalTo(1)).body("applied", equalTo(0));
    }

    @Test
    void everyEntryAndStatusIsProcessedAndABadOneDropsNothing() {
        String a = wamid();
        String b = wamid();
        String c = wamid();
        Outbound first = db.outbound(phoneDigits(), "sent", a);
        Outbound second = db.outbound(phoneDigits(), "sent", b);
        Outbound third = db.outbound(phoneDigits(), "sent", c);
        String json = """
                {"object":"whatsapp_business_account","entry":[
                  {"id":"WABA_ID","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                     "metadata":{"display_phone_number":"15550001111","phone_number_id":"PHONE_NUMBER_ID"},
                     "statuses":[{"id":"%s","status":"delivered","timestamp":"1764064710","recipient_id":"1"},
                                 {"status":"delivered","timestamp":"1764064710"},
                                 {"id":"%s","status":"read","timestamp":"1764064720","recipient_id":"1","new_field":{"x":1}}]}}]},
                  {"id":"WABA_ID","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                     "statuses":[{"id":"%s","status":"delivered","timestamp":"1764064730","recipient_id":"1"},
                                 {"id":"%s","status":"teleported","timestamp":"1764064730"}]}}]}]}
                """.formatted(a, b, c, c);

        post(json).statusCode(200).body("applied", equalTo(3)).body("invalid", equalTo(2));

        assertThat(db.communication(first.communicationId()).getString("status")).isEqualTo("delivered");
        assertThat(db.communication(second.communicationId()).getString("status")).isEqualTo("read");
        assertThat(db.communication(third.communicationId()).getString("status")).isEqualTo("delivered");
    }

    @Test
    void anEventTheDatabaseRefusesIsSkippedAndTheRestOfTheDeliveryCommitted() {
        String refused = wamid();
        String accepted = wamid();
        Outbound first = db.outbound(phoneDigits(), "sent", refused);
        Outbound second = db.outbound(phoneDigits(), "sent", accepted);
        // PostgreSQL's jsonb cannot hold \u0000: the first status is refused as data.
        String statuses = """
                {"id":"%s","status":"delivered","timestamp":"1764064710","recipient_id":"1","pricing":{"category":"a\\u0000b"}},
                {"id":"%s","status":"delivered","timestamp":"1764064710","recipient_id":"1"}""".formatted(refused, accepted);

        post(envelope(statuses)).statusCode(200).body("invalid", equalTo(1)).body("applied", equalTo(1));
        post(envelope(statuses.substring(0, statuses.indexOf("},\n") + 1))).statusCode(200).body("invalid", equalTo(1));

        assertThat(db.communication(first.communicationId()).getString("status")).isEqualTo("sent");
        assertThat(db.communication(second.communicationId()).getString("status")).isEqualTo("delivered");
    }

    @Test
    void nulCharactersInATextDoNotLoseTheMessage() {
        String inboundWamid = wamid();
        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", wamid(), "wamid.INBOUND_TEXT_ID", inboundWamid,
                "573105550101", phoneDigits(), "¡Hola! Sí, me interesa 😊", "Sí\\u0000 me interesa"))).statusCode(200).body("applied", equalTo(1));

        assertThat(db.inbound(inboundWamid).getString("content")).isEqualTo("Sí me interesa");
    }

    // --- Inbound messages ------------------------------------------------------------------------

    @Test
    void textReplyIsStoredLinkedClassifiedAndMovesTheApplication() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        String inboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);

        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", inboundWamid,
                "573105550101", phone))).statusCode(200).body("applied", equalTo(1));

        Row inbound = db.inbound(inboundWamid);
        assertThat(inbound.getString("direction")).isEqualTo("inbound");
        assertThat(inbound.getString("message_type")).isEqualTo("reply");
        assertThat(inbound.getString("content")).isEqualTo("¡Hola! Sí, me interesa 😊");
        assertThat(inbound.getString("interest_status")).isEqualTo("interested");
        assertThat(inbound.getUUID("reply_to_id")).isEqualTo(message.communicationId());
        assertThat(inbound.getUUID("candidate_id")).isEqualTo(message.candidateId());
        assertThat(inbound.getUUID("application_id")).isEqualTo(message.applicationId());
        assertThat(inbound.getString("recipient_phone")).isEqualTo("+" + phone);
        Row outbound = db.communication(message.communicationId());
        assertThat(outbound.getString("status")).isEqualTo("replied");
        assertThat(outbound.getString("reply_content")).isEqualTo("¡Hola! Sí, me interesa 😊");
        assertThat(outbound.getOffsetDateTime("reply_received_at")).isNotNull();
        assertThat(outbound.getString("interest_status")).isEqualTo("interested");
        assertThat(applicationStatus(message.applicationId())).isEqualTo("interested");
    }

    @Test
    void buttonReplyIsUnderstoodFromItsPayloadOrText() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        String inboundWamid = wamid();
        Outbound message = db.outbound(phone, "delivered", outboundWamid);

        post(payload("inbound-button.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_BUTTON_ID", inboundWamid,
                "573105550101", phone))).statusCode(200);

        assertThat(db.inbound(inboundWamid).getString("content")).isEqualTo("Sí, me interesa");
        assertThat(db.inbound(inboundWamid).getString("interest_status")).isEqualTo("interested");
        assertThat(applicationStatus(message.applicationId())).isEqualTo("interested");
    }

    @Test
    void interactiveRefusalMovesTheApplicationToNotInterested() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        String inboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);

        post(payload("inbound-interactive.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_INTERACTIVE_ID", inboundWamid,
                "573105550101", phone))).statusCode(200);

        assertThat(db.inbound(inboundWamid).getString("content")).isEqualTo("No, gracias");
        assertThat(db.communication(message.communicationId()).getString("interest_status")).isEqualTo("not_interested");
        assertThat(applicationStatus(message.applicationId())).isEqualTo("not_interested");
    }

    @Test
    void imageKeepsCaptionAndMediaIdButNoUrlAndLinksToTheLatestOutbound() {
        String phone = phoneDigits();
        String inboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", wamid());

        post(payload("inbound-image.json", Map.of("wamid.INBOUND_IMAGE_ID", inboundWamid, "573105550101", phone))).statusCode(200);

        Row inbound = db.inbound(inboundWamid);
        assertThat(inbound.getString("content")).isEqualTo("Mi hoja de vida");
        assertThat(inbound.getUUID("reply_to_id")).isEqualTo(message.communicationId());
        assertThat(inbound.getJsonObject("response_metadata").getString("media_id")).isEqualTo("1234567890");
        assertThat(inbound.getJsonObject("response_metadata").getString("mime_type")).isEqualTo("image/jpeg");
        assertThat(inbound.getJsonObject("response_metadata").encode()).doesNotContain("http");
    }

    @Test
    void sameInboundPostedThreeTimesAndConcurrentlyIsStoredOnce() throws Exception {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        db.outbound(phone, "read", outboundWamid);
        String sequential = wamid();
        String json = payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", sequential,
                "573105550101", phone));
        for (int i = 0; i < 3; i++) {
            post(json).statusCode(200);
        }

        String concurrent = wamid();
        String concurrentJson = json.replace(sequential, concurrent);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(CompletableFuture.supplyAsync(() -> post(concurrentJson).extract().statusCode(), threads));
            }
            for (CompletableFuture<Integer> status : posts) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            threads.shutdown();
        }

        assertThat(db.count("select count(*) from communications where whatsapp_message_id = $1", Tuple.of(sequential))).isEqualTo(1);
        assertThat(db.count("select count(*) from communications where whatsapp_message_id = $1", Tuple.of(concurrent))).isEqualTo(1);
    }

    @Test
    void questionFlagsTheApplicationAndLaterStagesAreNeverUndone() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);
        db.execute("update applications set status = 'interview' where id = $1", Tuple.of(message.applicationId()));

        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone, "¡Hola! Sí, me interesa 😊", "¿Cuál sería el salario?"))).statusCode(200);
        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone, "¡Hola! Sí, me interesa 😊", "No me interesa", "1764064800", "1764064900"))).statusCode(200);

        Row application = db.one("select status, needs_attention from applications where id = $1", Tuple.of(message.applicationId()));
        assertThat(application.getString("status")).isEqualTo("interview");
        assertThat(application.getBoolean("needs_attention")).isTrue();
        assertThat(db.communication(message.communicationId()).getString("interest_status")).isEqualTo("not_interested");
    }

    @Test
    void anOlderReplyArrivingLateDoesNotOverrideTheNewerOne() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);

        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone, "¡Hola! Sí, me interesa 😊", "Pensándolo bien, no me interesa", "1764064800", "1764065000")))
                .statusCode(200);
        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone))).statusCode(200);

        assertThat(applicationStatus(message.applicationId())).isEqualTo("not_interested");
        assertThat(db.communication(message.communicationId()).getString("reply_content")).isEqualTo("Pensándolo bien, no me interesa");
    }

    @Test
    void aReplyWithoutMetasTimestampIsStoredButNeverOverridesOneThatHasIt() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);
        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone, "¡Hola! Sí, me interesa 😊", "Pensándolo bien, no me interesa"))).statusCode(200);

        String untimed = wamid();
        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", untimed,
                "573105550101", phone, "\"timestamp\": \"1764064800\",", ""))).statusCode(200).body("applied", equalTo(1));

        Row stored = db.inbound(untimed);
        assertThat(stored.getBoolean("meta_time")).isFalse();
        assertThat(stored.getOffsetDateTime("sent_at").toInstant()).isAfter(Instant.now().minusSeconds(60));
        assertThat(applicationStatus(message.applicationId())).isEqualTo("not_interested");
        assertThat(db.communication(message.communicationId()).getString("reply_content")).isEqualTo("Pensándolo bien, no me interesa");
    }

    @Test
    void unknownSenderIsStoredWithoutACandidate() {
        String inboundWamid = wamid();

        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", wamid(), "wamid.INBOUND_TEXT_ID", inboundWamid,
                "573105550101", phoneDigits()))).statusCode(200).body("applied", equalTo(1));

        Row inbound = db.inbound(inboundWamid);
        assertThat(inbound.getUUID("candidate_id")).isNull();
        assertThat(inbound.getUUID("reply_to_id")).isNull();
        assertThat(inbound.getString("interest_status")).isEqualTo("interested");
    }

    @Test
    void unknownMessageTypesAreStoredAndTolerated() {
        String phone = phoneDigits();
        Outbound message = db.outbound(phone, "read", wamid());
        String location = wamid();
        String json = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Camila"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"1764064800","type":"location",
                               "location":{"latitude":4.6,"longitude":-74.08,"name":"Bogotá"}}]}}]}]}""".formatted(phone, phone, location);

        post(json).statusCode(200).body("applied", equalTo(1));

        Row inbound = db.inbound(location);
        assertThat(inbound.getString("content")).isNull();
        assertThat(inbound.getString("interest_status")).isEqualTo("unknown");
        assertThat(inbound.getJsonObject("response_metadata").getString("type")).isEqualTo("location");
        assertThat(applicationStatus(message.applicationId())).isEqualTo("contacted");
    }

    // --- Opt-out -------------------------------------------------------------------------------------

    @Test
    void stopMessageOptsTheCandidateOut() {
        String phone = phoneDigits();
        String outboundWamid = wamid();
        Outbound message = db.outbound(phone, "read", outboundWamid);

        post(payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", outboundWamid, "wamid.INBOUND_TEXT_ID", wamid(),
                "573105550101", phone, "¡Hola! Sí, me interesa 😊", "Por favor no me escriban más"))).statusCode(200);

        assertThat(candidateOptedOut(message.candidateId())).isTrue();
        assertThat(db.one("select opted_out_at from candidates where id = $1", Tuple.of(message.candidateId()))
                .getOffsetDateTime("opted_out_at")).isNotNull();
    }

    @Test
    void userPreferencesStopAndResume() {
        String phone = phoneDigits();
        Outbound message = db.outbound(phone, "read", wamid());

        post(payload("user-preferences-stop.json", Map.of("573105550101", phone))).statusCode(200).body("applied", equalTo(1));
        assertThat(candidateOptedOut(message.candidateId())).isTrue();

        post(payload("user-preferences-stop.json", Map.of("573105550101", phone, "\"stop\"", "\"resume\"", "1764064900", "1764065900")))
                .statusCode(200);
        assertThat(candidateOptedOut(message.candidateId())).isFalse();
    }

    @Test
    void webhookHealthIsUpWhenSecretTokenAndDatabaseAre() {
        given().when().get("/webhook/whatsapp/health")
                .then().statusCode(200).body("status", equalTo("UP")).body("app_secret_configured", equalTo(true));
    }

    private static String envelope(String statuses) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","statuses":[%s]}}]}]}""".formatted(statuses);
    }

    private String applicationStatus(UUID id) {
        return db.one("select status from applications where id = $1", Tuple.of(id)).getString("status");
    }

    private boolean candidateOptedOut(UUID id) {
        return db.one("select whatsapp_opt_out from candidates where id = $1", Tuple.of(id)).getBoolean("whatsapp_opt_out");
    }

    /** The delivered-and-read payload with only the status given. */
    private static String statusesOnly(String json, String keep) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(json);
            ArrayNode statuses = (ArrayNode) root.path("entry")
                    .path(0).path("changes").path(0).path("value").path("statuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                if (!keep.equals(statuses.get(i).path("status").asText())) {
                    statuses.remove(i);
                }
            }
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
