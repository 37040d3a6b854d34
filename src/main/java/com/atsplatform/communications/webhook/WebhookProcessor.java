package com.atsplatform.communications.webhook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.application.ApplicationStatus;
import com.atsplatform.communications.application.ApplicationStore;
import com.atsplatform.communications.candidate.CandidateStore;
import com.atsplatform.communications.communication.CommunicationStatus;
import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.InterestStatus;
import com.atsplatform.communications.persistence.RunToCompletion;
import com.atsplatform.communications.whatsapp.MetaError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * Applies a webhook's events in one transaction, so Meta gets its 200 only once everything is
 * committed. Each event runs under a savepoint: an event the database refuses as data (a value it
 * cannot store) is skipped and counted; any other failure fails the whole delivery and Meta sends
 * it again, which is safe because every write is idempotent.
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
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    WebhookProcessor(Pool pool, CommunicationStore communications, CandidateStore candidates, ApplicationStore applications,
            ObjectMapper mapper, MeterRegistry registry) {
        this.pool = pool;
        this.communications = communications;
        this.candidates = candidates;
        this.applications = applications;
        this.mapper = mapper;
        this.registry = registry;
    }

    Uni<Report> process(List<WebhookEvent> events) {
        return RunToCompletion.of(processAll(events));
    }

    private Uni<Report> processAll(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Report(Map.of()));
        }
        if (events.size() == 1) {
            // Most deliveries carry one event: its own transaction isolates it, no savepoint needed.
            WebhookEvent event = events.get(0);
            return inTransaction(connection -> apply(connection, event))
                    .onFailure(WebhookProcessor::refusedAsData).recoverWithItem(failure -> refused(event, failure))
                    .invoke(outcome -> count(event, outcome))
                    .map(outcome -> new Report(Map.of(outcome, 1)));
        }
        return inTransaction(connection -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> underSavepoint(connection, event))
                .collect().in(() -> new EnumMap<Outcome, Integer>(Outcome.class), (counts, outcome) -> counts.merge(outcome, 1, Integer::sum)))
                .map(counts -> new Report(Map.copyOf(counts)));
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
                        .query("rollback to savepoint webhook_event").execute().replaceWith(refused(event, failure)))
                .invoke(outcome -> count(event, outcome));
    }

    private static Outcome refused(WebhookEvent event, Throwable failure) {
        LOG.warnf("Webhook %s skipped: the database refused it (SQLSTATE %s)", kind(event), ((PgException) failure).getSqlState());
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
        CommunicationStore.StatusUpdate update = new CommunicationStore.StatusUpdate(status.wamid(), status.communicationId(),
                WireName.parse(CommunicationStatus.class, status.status()), status.timestamp(), status.errorCode(), status.errorMessage(),
                json(status.metadata()));
        return communications.applyStatus(connection, update).flatMap(found -> {
            if (found.isEmpty()) {
                // The wamid encodes the phone number: it is not logged.
                LOG.infof("Webhook status '%s' for a message this service did not send", status.status());
                return Uni.createFrom().item(Outcome.UNMATCHED);
            }
            boolean optedOut = status.errorCode() != null && status.errorCode() == MetaError.USER_OPTED_OUT_OF_MARKETING;
            UUID candidate = found.get().candidateId();
            Uni<Void> optOut = optedOut && candidate != null ? candidates.optOut(connection, candidate, status.timestamp())
                    : Uni.createFrom().voidItem();
            return optOut.replaceWith(Outcome.APPLIED);
        });
    }

    private Uni<Outcome> applyInbound(SqlConnection connection, WebhookEvent.Inbound inbound) {
        Uni<Optional<CommunicationStore.ReplyTarget>> byContext = inbound.contextWamid() == null ? Uni.createFrom().item(Optional.empty())
                : communications.outboundByWamid(connection, inbound.contextWamid());
        CommunicationStore.Inbound message = new CommunicationStore.Inbound(inbound.wamid(), inbound.from(), inbound.timestamp(),
                inbound.metaTime(), inbound.content(), inbound.interest(), json(inbound.metadata()));
        return byContext
                .flatMap(target -> target.isPresent() || inbound.from() == null ? Uni.createFrom().item(target)
                        : communications.latestOutboundToPhone(connection, inbound.from()))
                .flatMap(target -> communications.insertInbound(connection, message, target.orElse(null))
                        .flatMap(inserted -> inserted ? reactToReply(connection, inbound, message, target.orElse(null)).replaceWith(Outcome.APPLIED)
                                : Uni.createFrom().item(Outcome.DUPLICATE)));
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
        Uni<Void> moved = target.applicationId() == null || interest == InterestStatus.UNKNOWN ? Uni.createFrom().voidItem()
                : applications.reply(connection, target.applicationId(), moveFor(interest), interest == InterestStatus.QUESTION,
                        inbound.timestamp(), inbound.metaTime());
        Uni<Void> optOut = inbound.meaning().optOut() && target.candidateId() != null
                ? candidates.optOut(connection, target.candidateId(), inbound.timestamp())
                : Uni.createFrom().voidItem();
        return replied.flatMap(ignored -> moved).flatMap(ignored -> optOut);
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
