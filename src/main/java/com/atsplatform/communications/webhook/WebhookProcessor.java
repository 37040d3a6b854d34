package com.atsplatform.communications.webhook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.application.ApplicationStatus;
import com.atsplatform.communications.application.ApplicationStore;
import com.atsplatform.communications.candidate.CandidateStore;
import com.atsplatform.communications.communication.CommunicationStatus;
import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.CommunicationStore.BatchedStatus;
import com.atsplatform.communications.communication.CommunicationStore.StatusUpdate;
import com.atsplatform.communications.communication.InboundMedia;
import com.atsplatform.communications.communication.InterestStatus;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.media.MediaDownloadStore;
import com.atsplatform.communications.media.MediaDownloads;
import com.atsplatform.communications.persistence.GroupCommit;
import com.atsplatform.communications.persistence.RunToCompletion;
import com.atsplatform.communications.reminder.ReminderStore;
import com.atsplatform.communications.whatsapp.MetaError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * Applies a webhook's events; Meta gets its 200 only once they are committed.
 * <p>
 * A delivery of statuses only (nearly all of them) joins the status {@link GroupCommit}: its
 * statuses go out in one statement together with those of concurrent deliveries, and commit with
 * them. What that statement leaves (a message still pending, or known only by its callback id) and
 * every other delivery run in a transaction of their own, each event under a savepoint when there
 * are several. An event the database refuses as data (a value it cannot store) is skipped and
 * counted; any other failure fails the delivery and Meta sends it again, which is safe because every
 * write is idempotent. It is made on the first webhook, not at start-up (its batch metrics appear then).
 */
@ApplicationScoped
public class WebhookProcessor {

    private static final Logger LOG = Logger.getLogger(WebhookProcessor.class);

    /** What became of one event. */
    enum Outcome {
        APPLIED, DUPLICATE, UNMATCHED, INVALID
    }

    /** How many events of a delivery ended each way. */
    record Report(Map<Outcome, Integer> outcomes) {

        int count(Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    private final Pool pool;
    private final CommunicationStore communications;
    private final CandidateStore candidates;
    private final ApplicationStore applications;
    private final ReminderStore reminders;
    private final MediaDownloadStore mediaDownloads;
    private final MediaDownloads media;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    /** Each status's result, empty when the database refused it. */
    private final GroupCommit<StatusUpdate, Optional<BatchedStatus>> statusBatches;

    WebhookProcessor(Pool pool, CommunicationStore communications, CandidateStore candidates, ApplicationStore applications,
            ReminderStore reminders, MediaDownloadStore mediaDownloads, MediaDownloads media, ObjectMapper mapper, MeterRegistry registry,
            WhatsAppConfig config) {
        this.reminders = reminders;
        this.mediaDownloads = mediaDownloads;
        this.media = media;
        this.pool = pool;
        this.communications = communications;
        this.candidates = candidates;
        this.applications = applications;
        this.mapper = mapper;
        this.registry = registry;
        DistributionSummary batchSizes = DistributionSummary.builder("webhook.status.batch").baseUnit("statuses")
                .description("Statuses written per statement (group commit)").register(registry);
        this.statusBatches = new GroupCommit<>(
                updates -> communications.applyStatuses(pool, updates).map(results -> results.stream().map(Optional::of).toList()),
                WebhookProcessor::refusedAsData, failure -> {
                    refused("status", failure);
                    return Optional.empty();
                }, config.webhook().statusBatchSize(), config.webhook().statusWriters(), batchSizes::record);
        Gauge.builder("webhook.status.waiting", statusBatches, GroupCommit::waiting).baseUnit("statuses")
                .description("Statuses received and waiting for the writer").register(registry);
    }

    Uni<Report> process(List<WebhookEvent> events) {
        boolean announcesFiles = events.stream().anyMatch(event -> event instanceof WebhookEvent.Inbound inbound && inbound.media() != null);
        // Files are fetched after the commit, in the background: Meta gets its 200 without waiting for them.
        return RunToCompletion.of(processAll(events)).invoke(report -> {
            if (announcesFiles) {
                media.wake();
            }
        });
    }

    private Uni<Report> processAll(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Report(Map.of()));
        }
        if (events.stream().allMatch(WebhookEvent.Status.class::isInstance)) {
            return statusesOnly(events.stream().map(WebhookEvent.Status.class::cast).toList());
        }
        if (events.size() == 1) {
            // Its own transaction isolates a lone event: no savepoint needed.
            WebhookEvent event = events.get(0);
            return inTransaction(connection -> apply(connection, event))
                    .onFailure(WebhookProcessor::refusedAsData).recoverWithItem(failure -> refused(kind(event), failure))
                    .invoke(outcome -> count(event, outcome))
                    .map(outcome -> report(List.of(outcome)));
        }
        return inTransaction(connection -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> underSavepoint(connection, event))
                .collect().asList())
                .map(WebhookProcessor::report);
    }

    /** One statement shared with concurrent deliveries; a transaction only for what it leaves. */
    private Uni<Report> statusesOnly(List<WebhookEvent.Status> statuses) {
        return statusBatches.submit(statuses.stream().map(this::update).toList())
                .flatMap(results -> Multi.createFrom().range(0, statuses.size())
                        .onItem().transformToUniAndConcatenate(i -> {
                            WebhookEvent.Status status = statuses.get(i);
                            Uni<Outcome> outcome = results.get(i)
                                    .map(result -> settle(pool, status, result, () -> inTransaction(connection -> applyLeftOver(connection, status))
                                            .onFailure(WebhookProcessor::refusedAsData).recoverWithItem(failure -> refused("status", failure))))
                                    .orElseGet(() -> Uni.createFrom().item(Outcome.INVALID));
                            return outcome.invoke(done -> count(status, done));
                        })
                        .collect().asList())
                .map(WebhookProcessor::report);
    }

    private static Report report(List<Outcome> outcomes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        return new Report(Map.copyOf(counts));
    }

    /**
     * BEGIN and COMMIT by hand: the SQL client's own transactions roll back on the first failed
     * statement, which would undo the savepoints that isolate each event.
     */
    private <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(connection -> connection.query("begin").execute()
                .flatMap(begun -> work.apply(connection))
                .call(done -> connection.query("commit").execute())
                .onFailure().call(failure -> connection.query("rollback").execute().onFailure().recoverWithNull()));
    }

    private Uni<Outcome> underSavepoint(SqlConnection connection, WebhookEvent event) {
        return connection.query("savepoint webhook_event").execute()
                .flatMap(ignored -> apply(connection, event))
                .call(ignored -> connection.query("release savepoint webhook_event").execute())
                .onFailure(WebhookProcessor::refusedAsData).recoverWithUni(failure -> connection
                        .query("rollback to savepoint webhook_event").execute().replaceWith(refused(kind(event), failure)))
                .invoke(outcome -> count(event, outcome));
    }

    private static Outcome refused(String kind, Throwable failure) {
        LOG.warnf("Webhook %s skipped: the database refused it (SQLSTATE %s)", kind, ((PgException) failure).getSqlState());
        return Outcome.INVALID;
    }

    private void count(WebhookEvent event, Outcome outcome) {
        registry.counter("webhook.events", "kind", kind(event), "outcome", WireName.of(outcome)).increment();
    }

    private Uni<Outcome> apply(SqlConnection connection, WebhookEvent event) {
        if (event instanceof WebhookEvent.Status status) {
            return applyStatus(connection, status);
        }
        if (event instanceof WebhookEvent.Inbound inbound) {
            return applyInbound(connection, inbound);
        }
        if (event instanceof WebhookEvent.Preference preference) {
            return candidates.applyPreference(connection, preference.phone(), preference.stop(), preference.timestamp())
                    .map(matched -> matched > 0 ? Outcome.APPLIED : Outcome.UNMATCHED);
        }
        WebhookEvent.Unreadable unreadable = (WebhookEvent.Unreadable) event;
        LOG.warnf("Webhook %s skipped: %s", unreadable.kind(), unreadable.reason());
        return Uni.createFrom().item(Outcome.INVALID);
    }

    private Uni<Outcome> applyStatus(SqlConnection connection, WebhookEvent.Status status) {
        return communications.applyStatuses(connection, List.of(update(status)))
                .flatMap(results -> settle(connection, status, results.get(0), () -> applyLeftOver(connection, status)));
    }

    /**
     * What a status's outcome in the batch statement means: a failure because the candidate opted out
     * of marketing marks them (again, on a redelivery: idempotent); a message the statement left goes
     * to {@code leftOver}.
     */
    private Uni<Outcome> settle(SqlClient client, WebhookEvent.Status status, BatchedStatus result, Supplier<Uni<Outcome>> leftOver) {
        return switch (result.effect()) {
            case CHANGED, UNCHANGED -> optOutIfAsked(client, status, result.candidateId())
                    .replaceWith(result.effect() == BatchedStatus.Effect.CHANGED ? Outcome.APPLIED : Outcome.DUPLICATE);
            case PENDING -> leftOver.get();
            case NOT_FOUND -> status.communicationId() == null ? Uni.createFrom().item(unmatched(status)) : leftOver.get();
        };
    }

    /** A message still pending, or one whose wamid is not stored yet (found by its callback id). */
    private Uni<Outcome> applyLeftOver(SqlConnection connection, WebhookEvent.Status status) {
        return communications.applyStatus(connection, update(status)).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(unmatched(status))
                : optOutIfAsked(connection, status, found.get().candidateId()).replaceWith(Outcome.APPLIED));
    }

    private Uni<Void> optOutIfAsked(SqlClient client, WebhookEvent.Status status, UUID candidate) {
        boolean optedOut = status.errorCode() != null && status.errorCode() == MetaError.USER_OPTED_OUT_OF_MARKETING;
        return optedOut && candidate != null
                ? candidates.optOut(client, candidate, status.timestamp())
                        .flatMap(ignored -> reminders.cancelForCandidate(client, candidate, ReminderStore.OPTED_OUT)).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    private static Outcome unmatched(WebhookEvent.Status status) {
        // The wamid encodes the phone number: it is not logged.
        LOG.debugf("Webhook status '%s' for a message this service did not send", status.status());
        return Outcome.UNMATCHED;
    }

    private StatusUpdate update(WebhookEvent.Status status) {
        return new StatusUpdate(status.wamid(), status.communicationId(), WireName.parse(CommunicationStatus.class, status.status()),
                status.timestamp(), status.errorCode(), status.errorMessage(), json(status.metadata()));
    }

    private Uni<Outcome> applyInbound(SqlConnection connection, WebhookEvent.Inbound inbound) {
        Uni<Optional<CommunicationStore.ReplyTarget>> byContext = inbound.contextWamid() == null ? Uni.createFrom().item(Optional.empty())
                : communications.outboundByWamid(connection, inbound.contextWamid());
        WebhookEvent.Media file = inbound.media();
        InboundMedia media = file == null ? null
                : new InboundMedia(file.mediaId(), file.mimeType(), file.fileName(), file.sha256(), null, InboundMedia.PENDING);
        CommunicationStore.Inbound message = new CommunicationStore.Inbound(inbound.wamid(), inbound.from(), inbound.timestamp(),
                inbound.metaTime(), inbound.content(), inbound.interest(), inbound.meaning().reason(), json(inbound.metadata()), media);
        return byContext
                .flatMap(target -> target.isPresent() || inbound.from() == null ? Uni.createFrom().item(target)
                        : communications.latestOutboundToPhone(connection, inbound.from()))
                .flatMap(target -> communications.insertInbound(connection, message, target.orElse(null))
                        .flatMap(inserted -> inserted.isEmpty() ? Uni.createFrom().item(Outcome.DUPLICATE)
                                : (file == null ? Uni.createFrom().voidItem() : mediaDownloads.enqueue(connection, inserted.get(), file.mediaId()))
                                        .flatMap(ignored -> reactToReply(connection, inbound, message, target.orElse(null)))
                                        .replaceWith(Outcome.APPLIED)));
    }

    /** What a new reply changes besides its own row: the outbound it answers, the application, the opt-out. */
    private Uni<Void> reactToReply(SqlConnection connection, WebhookEvent.Inbound inbound, CommunicationStore.Inbound message,
            CommunicationStore.ReplyTarget target) {
        if (target == null) {
            return Uni.createFrom().voidItem();
        }
        InterestStatus interest = inbound.interest();
        Uni<Void> replied = target.outboundId() == null ? Uni.createFrom().voidItem()
                : communications.markReplied(connection, target.outboundId(), message);
        // A question, and a reply nothing decided (or that said yes and no), flag the application: a recruiter looks.
        Uni<Void> moved = target.applicationId() == null ? Uni.createFrom().voidItem()
                : applications.reply(connection, target.applicationId(), moveFor(interest),
                        interest == InterestStatus.QUESTION || interest == InterestStatus.UNKNOWN, inbound.timestamp(), inbound.metaTime());
        Uni<Void> optOut = inbound.meaning().optOut() && target.candidateId() != null
                ? candidates.optOut(connection, target.candidateId(), inbound.timestamp())
                : Uni.createFrom().voidItem();
        // An answer, whatever it says, ends the chasing.
        Uni<Integer> remindersCancelled = target.candidateId() == null ? Uni.createFrom().item(0)
                : reminders.cancelForCandidate(connection, target.candidateId(),
                        inbound.meaning().optOut() ? ReminderStore.OPTED_OUT : ReminderStore.REPLIED);
        return replied.flatMap(ignored -> moved).flatMap(ignored -> optOut).flatMap(ignored -> remindersCancelled).replaceWithVoid();
    }

    /** The application status a reply's interest asks for; a question moves nothing (it flags). */
    private static ApplicationStatus moveFor(InterestStatus interest) {
        return switch (interest) {
            case INTERESTED -> ApplicationStatus.INTERESTED;
            case NOT_INTERESTED -> ApplicationStatus.NOT_INTERESTED;
            case QUESTION, UNKNOWN -> null;
        };
    }

    private String json(Map<String, Object> metadata) {
        if (metadata.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook metadata is not serialisable", e);
        }
    }

    /** Integrity (23) and data (22) errors: this event's values, not the database's health. */
    private static boolean refusedAsData(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    private static String kind(WebhookEvent event) {
        if (event instanceof WebhookEvent.Unreadable unreadable) {
            return unreadable.kind();
        }
        if (event instanceof WebhookEvent.Status) {
            return "status";
        }
        return event instanceof WebhookEvent.Inbound ? "message" : "preference";
    }
}
