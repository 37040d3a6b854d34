package com.atsplatform.communications.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.atsplatform.communications.whatsapp.GraphStandIn.InjectGraphStandIn;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Run by {@code bench/gateway.sh}, not by the test suite: sequential text sends through the
 * gateway (REST client, fault tolerance, JSON) against the Graph stand-in, beside the same POSTs
 * made with the JDK's HTTP client, in one run. Prints latency percentiles of both and the
 * difference; checks every send was accepted and reached the stand-in once.
 */
@QuarkusTest
@TestProfile(LiveGraphProfile.class)
@EnabledIfSystemProperty(named = "bench.gateway", matches = "true")
class GatewayBenchmark {

    private static final String MESSAGES = "/v21.0/" + LiveGraphProfile.PHONE_NUMBER_ID + "/messages";
    private static final int WARM_UP = 2_000;
    private static final int SENDS = Integer.getInteger("bench.sends", 5_000);

    @InjectGraphStandIn
    WireMockServer graph;

    @Inject
    WhatsAppGateway gateway;

    @Test
    void sendLatencyThroughTheGatewayAgainstDirectHttp() throws Exception {
        graph.resetAll();
        graph.stubFor(post(MESSAGES).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"+573001234567","wa_id":"573001234567"}],
                 "messages":[{"id":"wamid.BENCH","message_status":"accepted"}]}""")));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create(graph.baseUrl() + MESSAGES))
                .header("Authorization", "Bearer " + LiveGraphProfile.ACCESS_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+573001234567","type":"text",
                         "text":{"preview_url":false,"body":"Hola"},"biz_opaque_callback_data":"%s"}""".formatted(UUID.randomUUID())))
                .build();

        for (int i = 0; i < WARM_UP; i++) {
            gatewaySend();
            http.send(direct, HttpResponse.BodyHandlers.ofString());
        }
        graph.resetRequests();

        long[] viaGateway = new long[SENDS];
        long[] viaHttp = new long[SENDS];
        for (int i = 0; i < SENDS; i++) {
            long start = System.nanoTime();
            gatewaySend();
            viaGateway[i] = System.nanoTime() - start;
            start = System.nanoTime();
            HttpResponse<String> response = http.send(direct, HttpResponse.BodyHandlers.ofString());
            viaHttp[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }

        graph.verify(2 * SENDS, postRequestedFor(urlEqualTo(MESSAGES)));
        Arrays.sort(viaGateway);
        Arrays.sort(viaHttp);
        System.out.printf("%nsends: %d sequential (after %d warm-up), stand-in: WireMock on loopback%n", SENDS, WARM_UP);
        System.out.printf("%-28s %9s %9s %9s %9s%n", "", "p50_us", "p90_us", "p99_us", "mean_us");
        row("gateway.sendText", viaGateway);
        row("JDK HttpClient, same POST", viaHttp);
        System.out.printf("added by the gateway: p50 %+d us, p99 %+d us%n",
                (percentile(viaGateway, 50) - percentile(viaHttp, 50)) / 1000,
                (percentile(viaGateway, 99) - percentile(viaHttp, 99)) / 1000);
    }

    private void gatewaySend() {
        SendOutcome outcome = gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola").await().atMost(Duration.ofSeconds(10));
        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
    }

    private static void row(String name, long[] sorted) {
        System.out.printf("%-28s %9d %9d %9d %9d%n", name, percentile(sorted, 50) / 1000, percentile(sorted, 90) / 1000,
                percentile(sorted, 99) / 1000, Arrays.stream(sorted).sum() / sorted.length / 1000);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
