package com.atsplatform.communications.sending;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.CallersContext;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Paces Graph API sends to {@code WHATSAPP_MAX_MESSAGES_PER_SECOND} for the sender number as a
 * whole, however many replicas run. The next free slot lives in PostgreSQL ({@code send_pacing}):
 * an instance takes a block of consecutive slots with one upsert (at most {@link #BLOCK} worth of
 * sending, so a hot row is not updated for every message at high rates), hands them out one by one
 * and waits for each without blocking a thread. Slots are absolute times on the database's clock,
 * so neither timer jitter nor the replicas' clocks drift the rate; a block that ended more than a
 * second ago unused is dropped, never sent in a burst (a late send uses at most a block's slots).
 * <p>
 * Campaign messages and reminders ({@link #acquireBulk}) first take a slot of their own lane,
 * paced at {@code WHATSAPP_CAMPAIGN_MESSAGES_PER_SECOND}, then a slot of the shared one: they never
 * use more than their share of the sender's rate, so the slots a single send queues behind are
 * few whatever the size of a campaign's backlog.
 */
@ApplicationScoped
public class SendPacer {

    /** The most sending time one reservation covers. */
    static final Duration BLOCK = Duration.ofMillis(20);
    /** A block that ended longer ago than this is dropped. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(1);
    /** Waits shorter than this are not worth a timer. */
    private static final long NEGLIGIBLE_NANOS = 200_000;

    /**
     * Takes {@code $2} slots of {@code $3} seconds each in one statement and answers how long until
     * the first. A slot need not survive a database crash, so this statement's own transaction
     * commits without waiting for the WAL flush ({@code set_config} with {@code is_local} lasts until
     * that commit).
     */
    private static final String TAKE_SLOTS = """
            insert into send_pacing as p (sender, next_slot)
            select $1, clock_timestamp() + make_interval(secs => $2::integer * $3::double precision)
              from (select set_config('synchronous_commit', 'off', true)) asynchronous_commit
            on conflict (sender) do update
                set next_slot = greatest(p.next_slot, clock_timestamp()) + make_interval(secs => $2::integer * $3::double precision)
            returning ((extract(epoch from p.next_slot - clock_timestamp()) - $2::integer * $3::double precision) * 1000000)::bigint as wait_micros
            """;

    private final Lane shared;
    private final Lane bulk;

    SendPacer(Pool pool, WhatsAppConfig config) {
        String sender = config.phoneNumberId().orElse("mock");
        int perSecond = config.maxMessagesPerSecond();
        int bulkPerSecond = perSecond <= 0 ? config.campaignMessagesPerSecond() : Math.min(perSecond, config.campaignMessagesPerSecond());
        this.shared = new Lane(pool, sender, perSecond);
        this.bulk = new Lane(pool, "bulk:" + sender, bulkPerSecond);
    }

    /** Completes when this send's slot has come. */
    public Uni<Void> acquire() {
        return shared.acquire();
    }

    /** For a campaign message or a reminder: completes when its slot in the bulk lane, then in the shared one, has come. */
    public Uni<Void> acquireBulk() {
        return bulk.acquire().flatMap(slot -> shared.acquire());
    }

    /** One paced row of {@code send_pacing} and the block of its slots this instance holds. */
    private static final class Lane {

        private final Pool pool;
        private final String sender;
        private final long intervalNanos;
        private final int slotsPerBlock;

        /** The block being handed out: the next slot and the end, on this JVM's {@code nanoTime} clock. */
        private long nextSlot;
        private long blockEnd;
        /** The reservation in flight, shared by every send that found the block empty meanwhile. */
        private Uni<Void> reserving;

        Lane(Pool pool, String sender, int perSecond) {
            this.pool = pool;
            this.sender = sender;
            this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
            this.slotsPerBlock = intervalNanos == 0 ? 0 : (int) Math.max(1, BLOCK.toNanos() / intervalNanos);
        }

        Uni<Void> acquire() {
            if (intervalNanos == 0) {
                return Uni.createFrom().voidItem();
            }
            long slot = takeSlot();
            if (slot == Long.MIN_VALUE) {
                return CallersContext.resumeOn(reserveBlock()).flatMap(reserved -> acquire());
            }
            long wait = slot - System.nanoTime();
            if (wait < NEGLIGIBLE_NANOS) {
                return Uni.createFrom().voidItem();
            }
            // Timers have millisecond resolution (and refuse less): round up; the next slot stays where it was.
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis((wait + 999_999) / 1_000_000));
        }

        /**
         * The next slot of the current block, or {@code Long.MIN_VALUE} when there is none left, or the
         * block ended long ago (an idle instance does not send its old slots at once). A slot late by
         * less than that is still used: dropping it would lose throughput whenever a thread is slow.
         */
        private synchronized long takeSlot() {
            if (nextSlot >= blockEnd || System.nanoTime() - blockEnd > STALE_AFTER.toNanos()) {
                return Long.MIN_VALUE;
            }
            long slot = nextSlot;
            nextSlot += intervalNanos;
            return slot;
        }

        private synchronized Uni<Void> reserveBlock() {
            if (reserving == null) {
                reserving = pool.preparedQuery(TAKE_SLOTS).execute(Tuple.of(sender, slotsPerBlock, intervalNanos / 1e9))
                        .invoke(rows -> startBlock(rows.iterator().next().getLong("wait_micros")))
                        .replaceWithVoid()
                        .eventually(this::reserved)
                        .memoize().indefinitely();
            }
            return reserving;
        }

        private synchronized void startBlock(long waitMicros) {
            nextSlot = System.nanoTime() + Math.max(0, waitMicros) * 1_000;
            blockEnd = nextSlot + slotsPerBlock * intervalNanos;
        }

        private synchronized void reserved() {
            reserving = null;
        }
    }
}
