package com.atsplatform.communications.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.persistence.DatabaseAddress;
import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Periodic;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The {@code events} table (written by the database's triggers, see {@code V6__events.sql}) as a
 * live stream for this replica's SSE clients. One connection LISTENs on {@code ats_events}; each
 * notification names the id range one statement wrote, which is read and broadcast. A client
 * subscribes with its filters and a bounded buffer: a client that cannot keep up is dropped (its
 * stream fails) and resumes with {@code Last-Event-ID}; nobody waits for it. After the listener
 * reconnects, what was written meanwhile is read from the last id it saw.
 */
@ApplicationScoped
public class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);
    static final String CHANNEL = "ats_events";
    /** Events a client may fall behind by before it is dropped. */
    static final int CLIENT_BUFFER = 1_000;
    /** The most events one resume replays; an older Last-Event-ID gets the latest ones. */
    static final int RESUME_LIMIT = 10_000;
    private static final String RANGE = "select * from events where id between $1 and $2 order by id";
    private static final String PURGE = "delete from events where created_at < now() - interval '24 hours'";

    private final Pool pool;
    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    /**
     * This replica's clients, by the filter that narrows them most: an event is offered only to
     * the clients of its candidate, application and campaign and to the unfiltered ones, so a
     * client following one candidate costs the other events nothing.
     */
    private final Map<UUID, Set<Client>> byCandidate = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Client>> byApplication = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Client>> byCampaign = new ConcurrentHashMap<>();
    private final Set<Client> unfiltered = ConcurrentHashMap.newKeySet();
    /** The highest id broadcast: after a reconnect, everything above it is read. */
    private final AtomicLong lastBroadcast = new AtomicLong(-1);
    private PgSubscriber subscriber;

    EventStream(Pool pool, Vertx vertx, MeterRegistry registry, DatabaseAddress database) {
        Gauge.builder("events.clients", this, EventStream::connectedClients).description("SSE clients connected to this replica")
                .register(registry);
        this.pool = pool;
        this.vertx = vertx;
        this.connectOptions = database.options();
    }

    void start(@Observes StartupEvent start) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions).reconnectPolicy(attempts -> 1_000L);
        // Subscribed again after every reconnect: read what was written while nobody listened.
        subscriber.channel(CHANNEL).handler(this::announced).subscribeHandler(this::catchUp);
        subscriber.closeHandler(() -> LOG.debug("Event listener connection closed; it reconnects"));
        subscriber.connect().subscribe().with(connected -> {
        }, failure -> LOG.warnf(
                "Event listener could not connect (%s); it retries", failure.getClass().getSimpleName()));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        // Completing a client takes it out of its set: the sets are copied first.
        clients().toList().forEach(client -> client.buffer().onComplete());
    }

    /** Every client of this replica, wherever it is kept. */
    private Stream<Client> clients() {
        return Stream.concat(unfiltered.stream(),
                Stream.of(byCandidate, byApplication, byCampaign).flatMap(kept -> kept.values().stream()).flatMap(Set::stream));
    }

    /** A connected SSE client: its filters and its bounded buffer. */
    private record Client(Event.Filters filters, UnicastProcessor<Event> buffer) {
    }

    /**
     * The live events that pass the filters, buffered for this client from this call on (so none
     * is lost while its missed ones are read); the stream fails when the buffer overflows.
     */
    Multi<Event> live(Event.Filters filters) {
        UnicastProcessor<Event> buffer = UnicastProcessor.create(Queues.<Event>get(CLIENT_BUFFER).get(), null);
        Client client = new Client(filters, buffer);
        Runnable leave;
        if (filters.candidateId() != null) {
            leave = join(byCandidate, filters.candidateId(), client);
        } else if (filters.applicationId() != null) {
            leave = join(byApplication, filters.applicationId(), client);
        } else if (filters.campaignId() != null) {
            leave = join(byCampaign, filters.campaignId(), client);
        } else {
            unfiltered.add(client);
            leave = () -> unfiltered.remove(client);
        }
        return buffer.onTermination().invoke(leave);
    }

    /** Keeps the client under {@code key}; the returned action takes it out (and the key, with its last client). */
    private static Runnable join(Map<UUID, Set<Client>> clients, UUID key, Client client) {
        clients.compute(key, (id, group) -> {
            Set<Client> joined = group == null ? ConcurrentHashMap.newKeySet() : group;
            joined.add(client);
            return joined;
        });
        return () -> clients.computeIfPresent(key, (id, group) -> {
            group.remove(client);
            return group.isEmpty() ? null : group;
        });
    }

    /** The SSE clients this replica serves now (the gauge {@code events.clients}). */
    int connectedClients() {
        return (int) clients().count();
    }

    /** Events after {@code lastEventId} that pass the filters, oldest first. */
    Uni<List<Event>> after(long lastEventId, Event.Filters filters) {
        Filter filter = new Filter().when("id > ?", lastEventId).equal("candidate_id", filters.candidateId())
                .equal("application_id", filters.applicationId()).equal("campaign_id", filters.campaignId());
        return events("select * from events where " + filter.where() + " order by id limit " + RESUME_LIMIT, filter.values());
    }

    private Uni<List<Event>> events(String sql, Tuple values) {
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            List<Event> events = new ArrayList<>();
            rows.forEach(row -> events.add(Event.from(row)));
            return events;
        });
    }

    /** One at a time: the broadcast's subscribers get their events in order. */
    private synchronized void publish(Event event) {
        lastBroadcast.accumulateAndGet(event.id(), Math::max);
        offer(byCandidate, event.candidateId(), event);
        offer(byApplication, event.applicationId(), event);
        offer(byCampaign, event.campaignId(), event);
        unfiltered.forEach(client -> client.buffer().onNext(event));
    }

    /** To the clients kept under {@code key} whose other filters match too (a full buffer fails its client). */
    private static void offer(Map<UUID, Set<Client>> clients, UUID key, Event event) {
        Set<Client> group = key == null ? null : clients.get(key);
        if (group != null) {
            group.forEach(client -> {
                if (client.filters().match(event)) {
                    client.buffer().onNext(event);
                }
            });
        }
    }

    /** Hourly, the first time a minute after start-up. */
    static void schedulePurge(@Observes StartupEvent start, Periodic periodic, EventStream stream) {
        periodic.every("Event purge", Duration.ofMinutes(1), Duration.ofHours(1), stream::purge);
    }

    Uni<Void> purge() {
        return pool.query(PURGE).execute().replaceWithVoid().onFailure().recoverWithNull();
    }

    private void announced(String range) {
        int colon = range.indexOf(':');
        if (colon < 0) {
            return;
        }
        long first = Long.parseLong(range.substring(0, colon));
        long last = Long.parseLong(range.substring(colon + 1));
        broadcast(events(RANGE, Tuple.of(first, last)));
    }

    /** After (re)connecting: whatever was written since the last broadcast. */
    private void catchUp() {
        long last = lastBroadcast.get();
        if (last >= 0) {
            broadcast(after(last, new Event.Filters(null, null, null)));
        }
    }

    private void broadcast(Uni<List<Event>> read) {
        read.subscribe().with(events -> events.forEach(this::publish),
                failure -> LOG.warnf("Events not read (%s); clients resume them with Last-Event-ID", failure.getClass().getSimpleName()));
    }
}
