package com.atsplatform.communications.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.atsplatform.communications.event.SseClient;
import com.atsplatform.communications.security.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Several service processes on one database against a Graph API stand-in: a message is sent to
 * Meta exactly once, whichever replica claims it, however long the backlog, even when a replica is
 * killed mid-way; and the send rate holds for the sender number as a whole.
 */
class ReplicasIT {

    private static final Duration ALL_SENT_WITHIN = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Sends left out of a rate measurement: each instance's first ones open its connections to Meta
     * (and to PostgreSQL) while its slots come due, then go out together (seen: 14 in a burst with
     * three instances, then a 0.4 s gap); the steady rate is measured after them.
     */
    private static final int WARM_UP = 20;

    @Test
    void aBacklogThatOutlastsItsLeaseIsSentExactlyOnceThroughTwoInstances() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(5))) {
            service.start(2);
            List<UUID> backlog = backlog(service, 40);

            awaitAllSent(service, backlog);

            assertEachRequestedExactlyOnce(service, backlog);
            List<Long> times = requestTimes(service);
            assertThat(times.get(times.size() - 1) - times.get(0)).as("the backlog took longer than one lease (ms)").isGreaterThan(4_000);
        }
    }

    @Test
    void killingAnInstanceMidBacklogLeavesTheRestToTheOtherAndNothingIsSentTwice() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(5))) {
            List<ServiceProcesses.Instance> instances = service.start(2);
            List<UUID> backlog = backlog(service, 40);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread meta = metaReportsSentStatuses(service, () -> instances.get(1), running);
            try {
                await().atMost(ALL_SENT_WITHIN).until(() -> service.requestsPerMessage().size() >= 10);
                instances.get(0).kill();

                awaitAllSent(service, backlog);
            } finally {
                running.set(false);
                meta.join();
            }

            assertEachRequestedExactlyOnce(service, backlog);
        }
    }

    @Test
    void theSendRateHoldsForTheSenderAsAWholeWithThreeInstances() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(10))) {
            service.start(3);
            List<UUID> backlog = backlog(service, 130);

            awaitAllSent(service, backlog);

            assertEachRequestedExactlyOnce(service, backlog);
            // The first sends of each instance open its connections: measure after them.
            List<Long> times = requestTimes(service).subList(WARM_UP, backlog.size());
            double perSecond = (times.size() - 1) * 1000.0 / (times.get(times.size() - 1) - times.get(0));
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            assertThat(perSecond).as("messages per second after the first %d (gaps in ms: %s)", WARM_UP, gaps)
                    .isCloseTo(10.0, withinPercentage(5));
        }
    }

    @Test
    void anIdempotencyKeyIsSharedByEveryReplica() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(80))) {
            List<ServiceProcesses.Instance> instances = service.start(2);
            UUID[] ids = candidateAndApplication(service);
            byte[] send = """
                    {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","QA"]}"""
                    .formatted(ids[1], ids[0]).getBytes(StandardCharsets.UTF_8);
            String key = UUID.randomUUID().toString();
            String[] headers = { "Authorization", "Bearer " + Tokens.recruiter(), "Idempotency-Key", key };

            var first = service.postTo(instances.get(0), "/api/v1/communications/send", send, headers);
            var second = service.postTo(instances.get(1), "/api/v1/communications/send", send, headers);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(second.body()).path("communication_id").asText())
                    .isEqualTo(JSON.readTree(first.body()).path("communication_id").asText());
            assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(service.graph.findAll(postRequestedFor(urlEqualTo(ServiceProcesses.MESSAGES)))).hasSize(1);
        }
    }

    @Test
    void remindersScheduledBeforeARestartComeDueOnceThroughTwoInstances() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(20))) {
            // The first run schedules them (here: straight into the tables) and stops before they are due.
            service.start(1).get(0).kill();
            List<UUID> initials = remindedInitials(service, 30);

            service.start(2);

            List<UUID> reminders = awaitReminderMessages(service, initials);
            awaitAllSent(service, reminders);
            assertEachRequestedExactlyOnce(service, reminders);
            assertThat(service.requestsPerMessage()).as("requests to Meta: the reminders only").hasSize(30);
        }
    }

    @Test
    void anSseClientOfOneInstanceSeesAStatusAppliedThroughAnotherWithinASecond() throws Exception {
        try (ServiceProcesses service = new ServiceProcesses(pacedAt(80))) {
            List<ServiceProcesses.Instance> instances = service.start(2);
            UUID[] owner = candidateAndApplication(service);
            UUID message = UUID.randomUUID();
            String wamid = "wamid.SSE" + message.toString().replace("-", "");
            try (Connection db = service.database()) {
                update(db, """
                        insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                                    recipient_phone, status, whatsapp_message_id, sent_at)
                        values (?, ?, ?, 'outbound', 'initial', 'job_opportunity', '+573005550101', 'sent', ?, now())""",
                        message, owner[1], owner[0], wamid);
            }
            try (SseClient client = new SseClient(instances.get(0).uri("/api/v1/events?application_id=" + owner[1]), Tokens.recruiter(), null)) {
                Thread.sleep(1_000); // the stream is open
                byte[] delivered = TestRows.payload("status-delivered-and-read.json", Map.of("wamid.OUTBOUND_ID", wamid))
                        .getBytes(StandardCharsets.UTF_8);
                long applied = System.nanoTime();
                var answer = service.postTo(instances.get(1), "/webhook/whatsapp", delivered, "Content-Type", "application/json",
                        "X-Hub-Signature-256", TestRows.sign(delivered, ServiceProcesses.APP_SECRET));
                assertThat(answer.statusCode()).isEqualTo(200);

                SseClient.Received event = client.next(message.toString(), Duration.ofSeconds(5));
                assertThat(event).as("the status event on the other instance").isNotNull();
                assertThat(event.name()).isEqualTo("communication.updated");
                assertThat(Duration.ofNanos(event.receivedNanos() - applied)).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    /** Sent initial messages to silent candidates, each with a reminder due in two seconds; returns the initials' ids. */
    static List<UUID> remindedInitials(ServiceProcesses service, int size) throws SQLException {
        UUID[] owner = candidateAndApplication(service);
        List<UUID> ids = new ArrayList<>();
        try (Connection db = service.database()) {
            for (int i = 0; i < size; i++) {
                UUID id = UUID.randomUUID();
                update(db, """
                        insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                                    variables, recipient_phone, status, whatsapp_message_id, sent_at, created_at)
                        values (?, ?, ?, 'outbound', 'initial', 'job_opportunity', '{"language":"es","body":["Ana","QA"]}'::jsonb,
                                '+573005550101', 'sent', 'wamid.INITIAL' || gen_random_uuid(), now() - interval '2 days',
                                now() - interval '2 days')""", id, owner[1], owner[0]);
                update(db, """
                        insert into reminders (id, initial_id, application_id, candidate_id, template_name, language, parameters, content,
                                               due_at)
                        values (gen_random_uuid(), ?, ?, ?, 'job_opportunity', 'es', '["Ana","QA"]', 'Hola Ana, ¿te interesa QA?',
                                now() + interval '2 seconds')""", id, owner[1], owner[0]);
                ids.add(id);
            }
        }
        return ids;
    }

    /** Waits until every reminder of these initials was made into its message; returns the messages' ids. */
    static List<UUID> awaitReminderMessages(ServiceProcesses service, List<UUID> initials) {
        List<UUID> messages = new ArrayList<>();
        await().atMost(ALL_SENT_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            messages.clear();
            try (Connection db = service.database();
                    PreparedStatement query = db.prepareStatement(
                            "select communication_id from reminders where status = 'sent' and initial_id = any(?)")) {
                query.setArray(1, db.createArrayOf("uuid", initials.toArray()));
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        messages.add(result.getObject(1, UUID.class));
                    }
                }
            }
            return messages.size() == initials.size();
        });
        return messages;
    }

    /** The limit, a lease of 4 s, an outbox round every second, and 5 s to wait for Meta's status after an unknown outcome. */
    static Map<String, String> pacedAt(int perSecond) {
        return Map.of("WHATSAPP_MAX_MESSAGES_PER_SECOND", Integer.toString(perSecond), "WHATSAPP_OUTBOX_LEASE", "4s",
                "WHATSAPP_OUTBOX_INTERVAL", "1s", "WHATSAPP_OUTBOX_UNKNOWN_OUTCOME_DELAY", "5s");
    }

    /** @return candidate id, application id */
    static UUID[] candidateAndApplication(ServiceProcesses service) throws SQLException {
        UUID candidate = UUID.randomUUID();
        UUID application = UUID.randomUUID();
        try (Connection db = service.database()) {
            update(db, "insert into candidates (id, full_name, phone) values (?, 'Replica Test', '+573005550101')", candidate);
            update(db, "insert into applications (id, candidate_id, position) values (?, ?, 'QA')", application, candidate);
        }
        return new UUID[] { candidate, application };
    }

    /** Pending template messages, all due now, as the send endpoint leaves them when Meta was down. */
    static List<UUID> backlog(ServiceProcesses service, int size) throws SQLException {
        UUID[] owner = candidateAndApplication(service);
        List<UUID> ids = new ArrayList<>();
        try (Connection db = service.database()) {
            for (int i = 0; i < size; i++) {
                UUID id = UUID.randomUUID();
                update(db, """
                        insert into communications (communication_id, application_id, candidate_id, direction, message_type, template_id,
                                                    variables, recipient_phone, status, next_attempt_at, give_up_at)
                        values (?, ?, ?, 'outbound', 'follow_up', 'job_opportunity', '{"language":"es","body":["Ana","QA"]}'::jsonb,
                                '+573005550101', 'pending', now(), now() + interval '1 day')""", id, owner[1], owner[0]);
                ids.add(id);
            }
        }
        return ids;
    }

    static void awaitAllSent(ServiceProcesses service, List<UUID> ids) {
        await().atMost(ALL_SENT_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection db = service.database();
                    PreparedStatement query = db.prepareStatement("select count(*) from communications where status = 'sent' and communication_id = any(?)")) {
                query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    return result.getInt(1) == ids.size();
                }
            }
        });
    }

    static void assertEachRequestedExactlyOnce(ServiceProcesses service, List<UUID> ids) throws SQLException {
        Map<String, Integer> requests = service.requestsPerMessage();
        for (UUID id : ids) {
            assertThat(requests.get(id.toString())).as("requests to Meta for %s", id).isEqualTo(1);
        }
        try (Connection db = service.database();
                PreparedStatement query = db.prepareStatement("select whatsapp_message_id from communications where communication_id = any(?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet result = query.executeQuery()) {
                Set<String> wamids = new HashSet<>();
                while (result.next()) {
                    wamids.add(result.getString(1));
                }
                assertThat(wamids).hasSize(ids.size()).allMatch(wamid -> wamid.startsWith("wamid."));
            }
        }
    }

    static List<Long> requestTimes(ServiceProcesses service) {
        return service.graph.findAll(postRequestedFor(urlEqualTo(ServiceProcesses.MESSAGES))).stream()
                .map(LoggedRequest::getLoggedDate).map(date -> date.getTime()).sorted().toList();
    }

    /**
     * What Meta does after accepting a message: a signed {@code sent} status webhook, here for every
     * message the stand-in was asked to send, delivered to the given instance.
     */
    static Thread metaReportsSentStatuses(ServiceProcesses service, Supplier<ServiceProcesses.Instance> to, AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            Set<String> reported = new HashSet<>();
            while (running.get()) {
                for (String id : service.requestsPerMessage().keySet()) {
                    if (reported.add(id)) {
                        byte[] body = TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", "wamid." + id, "COMMUNICATION_UUID", id))
                                .getBytes(StandardCharsets.UTF_8);
                        try {
                            service.postTo(to.get(), "/webhook/whatsapp", body, "X-Hub-Signature-256", TestRows.sign(body, ServiceProcesses.APP_SECRET));
                        } catch (Exception e) {
                            reported.remove(id);
                        }
                    }
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "meta-status-webhooks");
        thread.start();
        return thread;
    }

    static void update(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
