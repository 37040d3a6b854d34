package com.atsplatform.communications.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The service's periodic work (outbox rounds, media downloads, purges, gauges) on Vert.x timers,
 * instead of the Quarkus scheduler: a fixed interval is all any of it needs, and the scheduler
 * extension cost start-up time for cron parsing and triggers nobody used (docs/operations.md).
 * As {@code @Scheduled(concurrentExecution = SKIP)} did: a run still going when the next one is
 * due is skipped, each run starts on its own duplicated Vert.x context, and a run that fails is
 * logged (by the kind of failure only) and tried at the next tick. The timers stop at shutdown.
 * Owners register their work on {@code StartupEvent}, handing in a client proxy, so that a task's
 * bean is made at its first run, not at start-up.
 */
@Singleton
public class Periodic {

    private static final Logger LOG = Logger.getLogger(Periodic.class);

    private final Vertx vertx;
    private final List<Long> timers = new CopyOnWriteArrayList<>();

    Periodic(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code task} first after {@code delay}, then every {@code interval}.
     *
     * @param name what the logs call it
     */
    public void every(String name, Duration delay, Duration interval, Supplier<Uni<?>> task) {
        AtomicBoolean running = new AtomicBoolean();
        long timer = vertx.setPeriodic(Math.max(1, delay.toMillis()), Math.max(1, interval.toMillis()), tick -> {
            if (!running.compareAndSet(false, true)) {
                LOG.debugf("%s: the previous run is still going; this tick is skipped", name);
                return;
            }
            VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> Uni.createFrom().deferred(task)
                    .subscribe().with(done -> running.set(false), failure -> {
                        running.set(false);
                        LOG.warnf("%s failed (%s); it runs again at the next tick", name, failure.getClass().getSimpleName());
                    }));
        });
        timers.add(timer);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
