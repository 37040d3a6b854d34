package com.atsplatform.communications.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/** The timers the periodic work runs on, with a real Vert.x and tasks the test ends by hand. */
class PeriodicTest {

    private static final Duration TICK = Duration.ofMillis(20);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private final Periodic periodic = new Periodic(vertx);

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void runsFirstAfterTheDelayThenAtEveryInterval() {
        AtomicInteger runs = new AtomicInteger();
        long started = System.nanoTime();
        AtomicReference<Duration> firstRunAfter = new AtomicReference<>();

        periodic.every("counting", Duration.ofMillis(300), TICK, () -> {
            firstRunAfter.compareAndSet(null, Duration.ofNanos(System.nanoTime() - started));
            runs.incrementAndGet();
            return Uni.createFrom().voidItem();
        });

        await().atMost(WAIT).until(() -> runs.get() >= 5);
        assertThat(firstRunAfter.get()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRunStillGoingWhenTheNextIsDueIsSkippedNotRunTwice() throws Exception {
        ConcurrentLinkedQueue<UniEmitter<? super Void>> running = new ConcurrentLinkedQueue<>();
        AtomicInteger started = new AtomicInteger();

        periodic.every("slow", TICK, TICK, () -> Uni.createFrom().<Void> emitter(emitter -> {
            started.incrementAndGet();
            running.add(emitter);
        }));

        await().atMost(WAIT).until(() -> started.get() == 1);
        Thread.sleep(TICK.toMillis() * 10);
        assertThat(started).as("ticks while the first run is going").hasValue(1);

        running.poll().complete(null);
        await().atMost(WAIT).until(() -> started.get() == 2);
    }

    @Test
    void aFailedRunIsTriedAgainAtTheNextTick() {
        AtomicInteger runs = new AtomicInteger();

        periodic.every("failing", TICK, TICK, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is away");
            }
            return Uni.createFrom().failure(new IllegalStateException("still away"));
        });

        await().atMost(WAIT).until(() -> runs.get() >= 3);
    }

    @Test
    void eachRunHasItsOwnDuplicatedContext() {
        ConcurrentLinkedQueue<Object> contexts = new ConcurrentLinkedQueue<>();

        periodic.every("contexts", TICK, TICK, () -> {
            assertThat(VertxContext.isOnDuplicatedContext()).isTrue();
            contexts.add(Vertx.currentContext());
            return Uni.createFrom().voidItem();
        });

        await().atMost(WAIT).until(() -> contexts.size() >= 2);
        assertThat(contexts.stream().distinct()).hasSameSizeAs(contexts);
    }

    @Test
    void nothingRunsAfterShutdown() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        periodic.every("stopped", TICK, TICK, () -> {
            runs.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
        await().atMost(WAIT).until(() -> runs.get() >= 1);

        periodic.stop(null);
        Thread.sleep(TICK.toMillis() * 2);
        int afterStop = runs.get();
        Thread.sleep(TICK.toMillis() * 10);

        assertThat(runs).hasValue(afterStop);
    }
}
