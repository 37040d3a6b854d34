package com.atsplatform.communications.media;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.security.Tokens;
import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.atsplatform.communications.whatsapp.LiveGraphProfile;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Files candidates send, in live mode against the Graph stand-in: Meta's media URL, then the bytes
 * (with the bearer token), checked, stored in pieces and streamed back.
 */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
class MediaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TEN_MB = 10 * 1024 * 1024;

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    Pool pool;

    @Inject
    MediaDownloads downloads;

    private TestRows rows;
    private String phone;

    @BeforeEach
    void aCandidateWeWroteTo() {
        graph.resetAll();
        rows = new TestRows(pool);
        phone = TestRows.phoneDigits();
        rows.outbound(phone, "read", TestRows.wamid());
    }

    @Test
    void aTenMegabytePdfIsFetchedWithTheTokenCheckedStoredInPiecesAndStreamedBackByteIdentical() throws Exception {
        byte[] pdf = bytes(TEN_MB, 1);
        String mediaId = standInServes(pdf, hex(sha256(pdf)), true);

        UUID id = receive("document", mediaId, "application/pdf", "Hoja de vida Camila Rojas.pdf", base64(sha256(pdf)));

        Row media = awaitMediaStatus(id, "stored");
        assertThat(media.getJsonObject("media").getLong("size")).isEqualTo(TEN_MB);
        graph.verify(getRequestedFor(urlEqualTo("/files/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + LiveGraphProfile.ACCESS_TOKEN)));
        Row pieces = rows.one("select count(*) as n, max(octet_length(data)) as largest from media_chunks where communication_id = $1",
                Tuple.of(id));
        assertThat(pieces.getLong("n")).isEqualTo(40);
        assertThat(pieces.getInteger("largest")).isEqualTo(PostgresMediaStorage.CHUNK_SIZE);

        Response served = given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("application/pdf");
        assertThat(served.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Hoja de vida Camila Rojas.pdf\"; filename*=UTF-8''Hoja%20de%20vida%20Camila%20Rojas.pdf");
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.header("Content-Length")).isEqualTo(Integer.toString(TEN_MB));
        assertThat(served.asByteArray()).isEqualTo(pdf);

        asRecruiter().when().get("/api/v1/communications/" + id).then().statusCode(200)
                .body("media.media_id", is(mediaId))
                .body("media.mime_type", is("application/pdf"))
                .body("media.file_name", is("Hoja de vida Camila Rojas.pdf"))
                .body("media.sha256", is(base64(sha256(pdf))))
                .body("media.size", is(TEN_MB))
                .body("media.media_status", is("stored"));
        // The frontend hears of it: the record is created pending, and updated once stored.
        assertThat(rows.count("select count(*) from events where kind = 'communication.created' and data->>'communication_id' = $1"
                + " and data->>'media_status' = 'pending'", Tuple.of(id.toString()))).isEqualTo(1);
        assertThat(rows.count("select count(*) from events where kind = 'communication.updated' and data->>'communication_id' = $1"
                + " and data->>'media_status' = 'stored'", Tuple.of(id.toString()))).isEqualTo(1);
    }

    @Test
    void bytesThatDoNotMatchMetasSha256AreFailedDiscardedAndFetchedAgain() throws Exception {
        byte[] image = bytes(300_000, 2);
        byte[] corrupted = image.clone();
        corrupted[1234] ^= 0x55;
        String mediaId = "media-" + UUID.randomUUID();
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).willReturn(okJson(mediaInfo(mediaId, "image/jpeg", null, null))));
        graph.stubFor(get(urlEqualTo("/files/" + mediaId)).inScenario(mediaId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withBody(corrupted)).willSetStateTo("repaired"));
        graph.stubFor(get(urlEqualTo("/files/" + mediaId)).inScenario(mediaId).whenScenarioStateIs("repaired")
                .willReturn(aResponse().withStatus(200).withBody(image)));

        UUID id = receive("image", mediaId, "image/jpeg", null, base64(sha256(image)));

        awaitMediaStatus(id, "failed");
        assertThat(rows.count("select count(*) from media_chunks where communication_id = $1", Tuple.of(id))).isZero();
        Row download = rows.one("select * from media_downloads where communication_id = $1", Tuple.of(id));
        assertThat(download.getString("last_error")).contains("SHA-256");
        assertThat(download.getOffsetDateTime("next_attempt_at")).isNotNull();
        given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media").then().statusCode(409);

        awaitStoredAfterRetries(id);
        assertThat(given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media").asByteArray())
                .isEqualTo(image);
    }

    @Test
    void aFileMetaAnnouncesAboveTheLimitKeepsItsMetadataAndIsNeverDownloaded() {
        String mediaId = "media-" + UUID.randomUUID();
        long twentyMb = 20L * 1024 * 1024;
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).willReturn(okJson(mediaInfo(mediaId, "video/mp4", null, twentyMb))));

        UUID id = receive("video", mediaId, "video/mp4", null, "c2hhMjU2LW9mLWEtdmlkZW8=");

        Row record = awaitMediaStatus(id, "too_large");
        assertThat(record.getJsonObject("media").getLong("size")).isEqualTo(twentyMb);
        assertThat(record.getJsonObject("media").getString("mime_type")).isEqualTo("video/mp4");
        graph.verify(0, getRequestedFor(urlEqualTo("/files/" + mediaId)));
        given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("https://atsplatform.com/problems/media-not-stored"));
    }

    @Test
    void aFileThatTurnsOutLargerThanTheLimitWhileStreamingIsTooLargeAndLeavesNoBytes() throws Exception {
        byte[] big = bytes(13 * 1024 * 1024, 3);
        String mediaId = standInServes(big, null, false);

        UUID id = receive("document", mediaId, "application/pdf", "scan.pdf", base64(sha256(big)));

        awaitMediaStatus(id, "too_large");
        assertThat(rows.count("select count(*) from media_chunks where communication_id = $1", Tuple.of(id))).isZero();
        assertThat(rows.one("select next_attempt_at from media_downloads where communication_id = $1", Tuple.of(id))
                .getOffsetDateTime("next_attempt_at")).isNull();
    }

    @Test
    void metaUnreachableLeavesTheFilePendingUntilALaterAttemptStoresIt() throws Exception {
        byte[] audio = bytes(50_000, 4);
        String mediaId = "media-" + UUID.randomUUID();
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).inScenario(mediaId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}"))
                .willSetStateTo("back"));
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).inScenario(mediaId).whenScenarioStateIs("back")
                .willReturn(okJson(mediaInfo(mediaId, "audio/ogg", hex(sha256(audio)), (long) audio.length))));
        graph.stubFor(get(urlEqualTo("/files/" + mediaId)).willReturn(aResponse().withStatus(200).withBody(audio)));

        UUID id = receive("audio", mediaId, "audio/ogg; codecs=opus", null, base64(sha256(audio)));

        await().atMost(WAIT).until(() -> rows.one("select last_error from media_downloads where communication_id = $1", Tuple.of(id))
                .getString("last_error") != null);
        assertThat(rows.communication(id).getJsonObject("media").getString("media_status")).isEqualTo("pending");

        // An instance scaled to zero is woken by the wake-up job, which calls this once the download is due again.
        given().header("X-Wake-Up-Token", "wrong").when().post("/internal/media/download").then().statusCode(401);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            given().header("X-Wake-Up-Token", "test-wake-up-token").when().post("/internal/media/download").then().statusCode(200);
            return "stored".equals(rows.communication(id).getJsonObject("media").getString("media_status"));
        });
        Response served = given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media");
        assertThat(served.contentType()).isEqualTo("audio/ogg");
        assertThat(served.header("Content-Disposition")).startsWith("inline; filename=\"media-" + id + ".ogg\"");
        assertThat(served.asByteArray()).isEqualTo(audio);
    }

    @Test
    void anExpiredTokenLeavesTheFilePendingAndItIsFetchedOnceTheTokenWorksAgain() throws Exception {
        byte[] photo = bytes(20_000, 5);
        String mediaId = "media-" + UUID.randomUUID();
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).inScenario(mediaId).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Error validating access token: Session has expired\",\"type\":\"OAuthException\",\"code\":190}}"))
                .willSetStateTo("renewed"));
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).inScenario(mediaId).whenScenarioStateIs("renewed")
                .willReturn(okJson(mediaInfo(mediaId, "image/jpeg", null, (long) photo.length))));
        graph.stubFor(get(urlEqualTo("/files/" + mediaId)).willReturn(aResponse().withStatus(200).withBody(photo)));

        UUID id = receive("image", mediaId, "image/jpeg", null, base64(sha256(photo)));

        await().atMost(WAIT).until(() -> rows.one("select last_error from media_downloads where communication_id = $1", Tuple.of(id))
                .getString("last_error") != null);
        assertThat(rows.communication(id).getJsonObject("media").getString("media_status")).isEqualTo("pending");
        assertThat(rows.one("select last_error from media_downloads where communication_id = $1", Tuple.of(id)).getString("last_error"))
                .contains("#190");

        awaitStoredAfterRetries(id);
    }

    @Test
    void aMediaIdMetaDoesNotKnowFailsForGoodAtOnce() {
        String mediaId = "media-" + UUID.randomUUID();
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\",\"code\":100}}")));

        UUID id = receive("image", mediaId, "image/jpeg", null, "c2hh");

        awaitMediaStatus(id, "failed");
        Row download = rows.one("select * from media_downloads where communication_id = $1", Tuple.of(id));
        assertThat(download.getOffsetDateTime("next_attempt_at")).isNull();
        assertThat(download.getInteger("attempts")).isEqualTo(1);
        assertThat(download.getString("last_error")).contains("#100");
    }

    @Test
    void aDangerousTypeOrNameIsServedAsAnAttachmentOfUnknownBytesNeverAsHtml() throws Exception {
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes();
        String mediaId = standInServes(html, hex(sha256(html)), true);

        UUID id = receive("document", mediaId, "text/html", "../../cv\".html", base64(sha256(html)));

        awaitMediaStatus(id, "stored");
        Response served = given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + id + "/media");
        assertThat(served.contentType()).isEqualTo("application/octet-stream");
        assertThat(served.header("Content-Disposition")).isEqualTo("attachment; filename=\"cv.html\"; filename*=UTF-8''cv.html");
        assertThat(served.header("Content-Security-Policy")).contains("sandbox");
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aMessageWithoutAFileOrAnUnknownRecordIsNotFound() {
        given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + UUID.randomUUID() + "/media").then().statusCode(404)
                .contentType("application/problem+json");
        UUID outbound = rows.outbound(TestRows.phoneDigits(), "sent", TestRows.wamid()).communicationId();
        given().auth().oauth2(Tokens.recruiter()).when().get("/api/v1/communications/" + outbound + "/media").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/communications/" + outbound + "/media").then().statusCode(401);
    }

    // --- The stand-in and the webhook -----------------------------------------------------------------

    /** Meta's answer for the media id, then the bytes at the URL it gives (on the stand-in, so the token goes with them). */
    private String standInServes(byte[] content, String sha256Hex, boolean announceSize) {
        String mediaId = "media-" + UUID.randomUUID();
        graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId))
                .willReturn(okJson(mediaInfo(mediaId, "application/pdf", sha256Hex, announceSize ? (long) content.length : null))));
        graph.stubFor(get(urlEqualTo("/files/" + mediaId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(content)));
        return mediaId;
    }

    private String mediaInfo(String mediaId, String mimeType, String sha256Hex, Long size) {
        return "{\"messaging_product\":\"whatsapp\",\"url\":\"" + graph.baseUrl() + "/files/" + mediaId + "\",\"mime_type\":\"" + mimeType + "\""
                + (sha256Hex == null ? "" : ",\"sha256\":\"" + sha256Hex + "\"")
                + (size == null ? "" : ",\"file_size\":\"" + size + "\"") + ",\"id\":\"" + mediaId + "\"}";
    }

    /** Meta's webhook for a media message from the candidate; returns the stored record's id. */
    private UUID receive(String type, String mediaId, String mimeType, String fileName, String sha256Base64) {
        String wamid = TestRows.wamid();
        String media = "{\"id\":\"" + mediaId + "\",\"mime_type\":\"" + mimeType + "\",\"sha256\":\"" + sha256Base64 + "\""
                + (fileName == null ? "" : ",\"filename\":\"" + fileName.replace("\"", "\\\"") + "\"") + "}";
        TestRows.post("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PHONE_NUMBER_ID"},
                  "contacts":[{"profile":{"name":"Camila Rojas"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"%s","%s":%s}]}}]}]}"""
                .formatted(phone, phone, wamid, System.currentTimeMillis() / 1000, type, type, media)).statusCode(200);
        return rows.inbound(wamid).getUUID("communication_id");
    }

    private Row awaitMediaStatus(UUID id, String status) {
        await().atMost(WAIT).until(() -> status.equals(rows.communication(id).getJsonObject("media").getString("media_status")));
        return rows.communication(id);
    }

    /** Later rounds (after the backoff) try it again until it is stored. */
    private void awaitStoredAfterRetries(UUID id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            downloads.downloadDue().await().atMost(WAIT);
            return "stored".equals(rows.communication(id).getJsonObject("media").getString("media_status"));
        });
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }
}
