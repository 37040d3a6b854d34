package com.atsplatform.communications.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.security.Tokens;
import com.atsplatform.communications.sending.ServiceProcesses;

/**
 * The packaged service with a 48 MB heap stores and serves a 96 MB file: were the file ever whole in
 * memory, on the way in (Graph stand-in → PostgreSQL) or out (PostgreSQL → client), the process
 * would die of OutOfMemoryError.
 */
class BoundedHeapMediaIT {

    private static final int FILE_SIZE = 96 * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aFileTwiceAsLargeAsTheHeapIsStoredAndStreamedBackIntact() throws Exception {
        byte[] file = new byte[FILE_SIZE];
        new Random(7).nextBytes(file);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(file);
        try (ServiceProcesses service = new ServiceProcesses(Map.of(ServiceProcesses.MAX_HEAP, "48m", "WHATSAPP_MEDIA_MAX_SIZE", "128MB"))) {
            ServiceProcesses.Instance instance = service.start(1).get(0);
            String mediaId = "media-heap-" + UUID.randomUUID();
            service.graph.stubFor(get(urlEqualTo("/v21.0/" + mediaId)).willReturn(okJson("{\"url\":\"" + service.graph.baseUrl() + "/files/"
                    + mediaId + "\",\"mime_type\":\"application/pdf\",\"file_size\":" + FILE_SIZE + ",\"id\":\"" + mediaId + "\"}")));
            service.graph.stubFor(get(urlEqualTo("/files/" + mediaId)).willReturn(aResponse().withStatus(200).withBody(file)));
            String phone = TestRows.phoneDigits();
            try (Connection db = service.database()) {
                update(db, "insert into candidates (id, full_name, phone) values (gen_random_uuid(), 'Camila Rojas', ?)", "+" + phone);
            }
            String wamid = TestRows.wamid();
            byte[] webhook = """
                    {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                      "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PHONE_NUMBER_ID"},
                      "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"document",
                                   "document":{"id":"%s","mime_type":"application/pdf","filename":"portafolio.pdf","sha256":"%s"}}]}}]}]}"""
                    .formatted(phone, wamid, System.currentTimeMillis() / 1000, mediaId, Base64.getEncoder().encodeToString(sha256))
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(service.postTo(instance, "/webhook/whatsapp", webhook, "X-Hub-Signature-256",
                    TestRows.sign(webhook, ServiceProcesses.APP_SECRET)).statusCode()).isEqualTo(200);

            String id = awaitStored(service, wamid);

            HttpResponse<InputStream> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(instance.uri("/api/v1/communications/"
                    + id + "/media")).header("Authorization", "Bearer " + Tokens.recruiter()).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(served.statusCode()).isEqualTo(200);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long length = 0;
            try (InputStream body = served.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = body.read(buffer)) > 0; length += read) {
                    received.update(buffer, 0, read);
                }
            }
            assertThat(length).isEqualTo(FILE_SIZE);
            assertThat(received.digest()).isEqualTo(sha256);
            assertThat(instance.isAlive()).isTrue();
        }
        try (var logs = Files.list(Path.of("target", "it-logs"))) {
            assertThat(logs.filter(log -> contains(log, "OutOfMemoryError")).toList()).isEmpty();
        }
    }

    private static String awaitStored(ServiceProcesses service, String wamid) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Connection db = service.database();
                PreparedStatement query = db.prepareStatement(
                        "select communication_id, media->>'media_status' from communications where whatsapp_message_id = ?")) {
            query.setString(1, wamid);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && "stored".equals(row.getString(2))) {
                        return row.getString(1);
                    }
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the file was not stored within " + WAIT + "; see target/it-logs");
    }

    private static void update(Connection db, String sql, String value) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
