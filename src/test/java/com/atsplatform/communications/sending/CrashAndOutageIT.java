package com.atsplatform.communications.sending;

import static com.atsplatform.communications.sending.ReplicasIT.assertEachRequestedExactlyOnce;
import static com.atsplatform.communications.sending.ReplicasIT.awaitAllSent;
import static com.atsplatform.communications.sending.ReplicasIT.backlog;
import static com.atsplatform.communications.sending.ReplicasIT.candidateAndApplication;
import static com.atsplatform.communications.sending.ReplicasIT.metaReportsSentStatuses;
import static com.atsplatform.communications.sending.ReplicasIT.update;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The long reliability runs (Maven profile {@code reliability}, not the default test command):
 * SIGKILL in the middle of a webhook burst and of an outbox burst, then a restart and Meta's
 * redelivery; and three replicas while the Graph stand-in fails and recovers. Nothing is lost,
 * nothing is sent twice, counted at the stand-in and in the database.
 */
class CrashAndOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(150);

    @Test
    void aWebhookBurstCutBySigkillLosesNothingOnceMetaRedelivers() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(Map.of())) {
            AtomicReference<ServiceProcesses.Instance> current = new AtomicReference<>(service.start(1).get(0));
            List<String> wamids = sentMessages(service, 100);
            List<byte[]> deliveries = new ArrayList<>();
            for (int i = 0; i < wamids.size(); i++) {
                deliveries.add(status(wamids.get(i), "delivered", 1764064710));
                deliveries.add(status(wamids.get(i), "read", 1764064720));
                deliveries.add(reply(wamids.get(i), "wamid.CRASH_REPLY_" + i));
            }
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger answered = new AtomicInteger();

            ExecutorService meta = Executors.newFixedThreadPool(16);
            List<CompletableFuture<Void>> posts = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                int index = i;
                posts.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (post(service, current.get(), deliveries.get(index)) == 200) {
                            acknowledged.add(index);
                        }
                    } catch (Exception cutOff) {
                        // The connection died with the process: Meta will deliver it again.
                    }
                    answered.incrementAndGet();
                }, meta));
            }
            await().atMost(WITHIN).until(() -> answered.get() >= 100);
            current.get().kill();
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
            meta.shutdown();

            // What was acknowledged before the kill is durable, with no redelivery at all.
            Map<String, String> statuses = statuses(service, wamids);
            for (int index : acknowledged) {
                int message = index / 3;
                switch (index % 3) {
                    case 0 -> assertThat(statuses.get(wamids.get(message))).isIn("delivered", "read", "replied");
                    case 1 -> assertThat(statuses.get(wamids.get(message))).isIn("read", "replied");
                    default -> assertThat(inboundCount(service, "wamid.CRASH_REPLY_" + message)).isEqualTo(1);
                }
            }
            assertThat(acknowledged).hasSizeLessThan(deliveries.size());

            // Meta redelivers what was not acknowledged, and some of the rest again.
            current.set(service.start(1).get(0));
            for (int i = 0; i < deliveries.size(); i++) {
                if (!acknowledged.contains(i) || i % 7 == 0) {
                    assertThat(post(service, current.get(), deliveries.get(i))).isEqualTo(200);
                }
            }

            Map<String, String> after = statuses(service, wamids);
            assertThat(after.values()).allMatch("replied"::equals);
            for (int i = 0; i < wamids.size(); i++) {
                assertThat(inboundCount(service, "wamid.CRASH_REPLY_" + i)).isEqualTo(1);
            }
            System.out.printf("Webhook burst: %d deliveries, %d acknowledged before SIGKILL, %d redelivered; lost 0, stored twice 0%n",
                    deliveries.size(), acknowledged.size(), deliveries.size() - acknowledged.size());
        }
    }

    @Test
    void anOutboxBurstCutBySigkillIsSentExactlyOnceAfterARestart() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(ReplicasIT.pacedAt(10))) {
            AtomicReference<ServiceProcesses.Instance> current = new AtomicReference<>(service.start(1).get(0));
            List<UUID> backlog = backlog(service, 60);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread meta = metaReportsSentStatuses(service, current::get, running);
            try {
                await().atMost(WITHIN).until(() -> service.requestsPerMessage().size() >= 15);
                current.get().kill();
                int before = service.requestsPerMessage().size();
                current.set(service.start(1).get(0));

                awaitAllSent(service, backlog);
                System.out.printf("Outbox burst: %d messages, %d requested before SIGKILL; sent twice 0%n", backlog.size(), before);
            } finally {
                running.set(false);
                meta.join();
            }
            assertEachRequestedExactlyOnce(service, backlog);
        }
    }

    @Test
    void threeReplicasThroughAGraphOutageAcceptEachMessageOnceAndHoldThePace() throws Exception {
        Map<String, String> settings = new HashMap<>(ReplicasIT.pacedAt(10));
        settings.put("WHATSAPP_OUTBOX_BACKOFF", "1s");
        settings.put("WHATSAPP_OUTBOX_MAX_BACKOFF", "4s");
        settings.put("JAVA_TOOL_OPTIONS", "-Dcom.atsplatform.communications.whatsapp.graph.GraphApi/send/CircuitBreaker/delay=3");
        try (ServiceProcesses service = new ServiceProcesses(settings)) {
            StubMapping outage = service.graph.stubFor(WireMock.post(ServiceProcesses.MESSAGES).willReturn(serviceUnavailable()));
            service.start(3);
            List<UUID> backlog = backlog(service, 100);
            await().atMost(WITHIN).until(() -> service.graph.getAllServeEvents().size() >= 20);
            Thread.sleep(5_000);
            long recoveredAt = System.currentTimeMillis();
            service.graph.removeStub(outage);

            awaitAllSent(service, backlog);

            Map<String, Integer> accepted = new HashMap<>();
            List<Long> acceptedTimes = new ArrayList<>();
            for (ServeEvent event : service.graph.getAllServeEvents()) {
                if (event.getRequest().getUrl().equals(ServiceProcesses.MESSAGES) && event.getResponse().getStatus() == 200) {
                    String id = JSON.readTree(event.getRequest().getBodyAsString()).path("biz_opaque_callback_data").asText();
                    accepted.merge(id, 1, Integer::sum);
                    acceptedTimes.add(event.getRequest().getLoggedDate().getTime());
                }
            }
            int refused = service.graph.getAllServeEvents().size() - acceptedTimes.size();
            backlog.forEach(id -> assertThat(accepted.get(id.toString())).as("accepted by Meta: %s", id).isEqualTo(1));
            List<Long> times = acceptedTimes.stream().filter(time -> time >= recoveredAt).sorted().toList().subList(10, backlog.size());
            double perSecond = (times.size() - 1) * 1000.0 / (times.get(times.size() - 1) - times.get(0));
            System.out.printf("Outage: %d refused calls during it; %d messages accepted once each; %.1f/s after recovery (limit 10)%n",
                    refused, backlog.size(), perSecond);
            assertThat(perSecond).isCloseTo(10.0, withinPercentage(10));
        }
    }

    // --- Helpers -------------------------------------------------------------------------------------

    /** Outbound messages Meta already took, with their wamids. */
    private static List<String> sentMessages(ServiceProcesses service, int count) throws Exception {
        UUID[] owner = candidateAndApplication(service);
        List<String> wamids = new ArrayList<>();
        try (Connection db = service.database()) {
            for (int i = 0; i < count; i++) {
                String wamid = "wamid.CRASH_" + UUID.randomUUID();
                update(db, """
                        insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                                    recipient_phone, whatsapp_message_id, status, sent_at)
                        values (?, ?, ?, 'outbound', 'initial', 'job_opportunity', '+573005550101', ?, 'sent', now())""",
                        UUID.randomUUID(), owner[1], owner[0], wamid);
                wamids.add(wamid);
            }
        }
        return wamids;
    }

    private static byte[] status(String wamid, String status, long timestamp) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"573005550101",
                  "pricing":{"billable":true,"category":"utility"}}]}}]}]}""".formatted(wamid, status, timestamp).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] reply(String answered, String wamid) {
        return TestRows.payload("inbound-text-reply.json", Map.of("wamid.OUTBOUND_ID", answered, "wamid.INBOUND_TEXT_ID", wamid,
                "573105550101", "573005550101")).getBytes(StandardCharsets.UTF_8);
    }

    private static int post(ServiceProcesses service, ServiceProcesses.Instance instance, byte[] body) throws Exception {
        return service.postTo(instance, "/webhook/whatsapp", body, "X-Hub-Signature-256", TestRows.sign(body, ServiceProcesses.APP_SECRET))
                .statusCode();
    }

    private static Map<String, String> statuses(ServiceProcesses service, List<String> wamids) throws Exception {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = service.database();
                PreparedStatement query = db.prepareStatement("select whatsapp_message_id, status from communications where whatsapp_message_id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", wamids.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    statuses.put(result.getString(1), result.getString(2));
                }
            }
        }
        return statuses;
    }

    private static int inboundCount(ServiceProcesses service, String wamid) throws Exception {
        try (Connection db = service.database();
                PreparedStatement query = db.prepareStatement("select count(*) from communications where whatsapp_message_id = ? and direction = 'inbound'")) {
            query.setString(1, wamid);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
