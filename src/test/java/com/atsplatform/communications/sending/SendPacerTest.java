package com.atsplatform.communications.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;

/**
 * The pacer on a Vert.x context, as the outbox and the send endpoint use it: every reservation
 * completes, including waits shorter than the timers' one millisecond. (Its rate is measured by
 * bench/send.sh, not here.)
 */
@QuarkusTest
class SendPacerTest {

    @Inject
    SendPacer pacer;

    @Test
    @RunOnVertxContext
    void manyQuickReservationsAllComplete(UniAsserter asserter) {
        List<Uni<Void>> reservations = IntStream.range(0, 400).mapToObj(i -> pacer.acquire()).toList();
        asserter.assertThat(() -> Uni.join().all(reservations).andFailFast().ifNoItem().after(Duration.ofSeconds(20)).fail(),
                done -> assertThat(done).hasSize(400));
    }
}
