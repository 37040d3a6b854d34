package com.atsplatform.communications.sending;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.config.WhatsAppConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Paces Graph API sends to {@code WHATSAPP_MAX_MESSAGES_PER_SECOND} for the sender number as a
 * whole, however many replicas run: the next free slot lives in PostgreSQL ({@code send_pacing}),
 * every send takes one with a single upsert (one interval after the previous slot, or now), then
 * waits for it without blocking a thread. Slots are absolute times on the database's clock, so
 * neither timer jitter nor the replicas' clocks drift the rate.
 */
@ApplicationScoped
public class SendPacer {

    /** Waits shorter than this are not worth a timer. */
    private static final long NEGLIGIBLE_MICROS = 200;

    private static final String TAKE_SLOT = """
            insert into send_pacing as p (sender, next_slot) values ($1, clock_timestamp() + make_interval(secs => $2))
            on conflict (sender) do update set next_slot = greatest(p.next_slot, clock_timestamp()) + make_interval(secs => $2)
            returning ((extract(epoch from p.next_slot - clock_timestamp()) - $2) * 1000000)::bigint as wait_micros
            """;

    private final Pool pool;
    private final String sender;
    private final double intervalSeconds;

    SendPacer(Pool pool, WhatsAppConfig config) {
        this.pool = pool;
        this.sender = config.phoneNumberId().orElse("mock");
        int perSecond = config.maxMessagesPerSecond();
        this.intervalSeconds = perSecond <= 0 ? 0 : 1.0 / perSecond;
    }

    /** Completes when this send's slot has come. */
    public Uni<Void> acquire() {
        if (intervalSeconds == 0) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(TAKE_SLOT).execute(Tuple.of(sender, intervalSeconds))
                .flatMap(rows -> {
                    long wait = rows.iterator().next().getLong("wait_micros");
                    if (wait < NEGLIGIBLE_MICROS) {
                        return Uni.createFrom().voidItem();
                    }
                    // Timers have millisecond resolution (and refuse less): round up; the slot stays where it was.
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis((wait + 999) / 1000));
                });
    }
}
