package com.atsplatform.communications.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.communication.InboundMedia;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write to the {@code media_downloads} table: a download is due from the webhook that
 * announced the file, claimed by one instance at a time (a claim moves it a lease ahead, so a dead
 * holder's download is taken over), and settled or put off.
 */
@ApplicationScoped
public class MediaDownloadStore {

    private static final String ENQUEUE = """
            insert into media_downloads (communication_id, media_id, next_attempt_at) values ($1, $2, now())
            on conflict (communication_id) do nothing
            """;

    private static final String CLAIM_DUE = """
            with due as (
                select communication_id from media_downloads
                 where next_attempt_at <= now()
                 order by next_attempt_at
                 limit $1
                   for update skip locked)
            update media_downloads d
               set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
              from due
             where d.communication_id = due.communication_id
            returning d.communication_id, d.media_id, d.attempts,
                      (select c.media from communications c where c.communication_id = d.communication_id) as media
            """;

    private static final String SETTLE = """
            update media_downloads set next_attempt_at = null, last_error = $2, updated_at = now() where communication_id = $1
            """;

    private static final String PUT_OFF = """
            update media_downloads set next_attempt_at = now() + make_interval(secs => $2), last_error = $3, updated_at = now()
             where communication_id = $1
            """;

    /** A download an instance holds. */
    record Claimed(UUID communicationId, String mediaId, int attempts, InboundMedia media) {
    }

    private final Pool pool;

    MediaDownloadStore(Pool pool) {
        this.pool = pool;
    }

    /** Part of the webhook's transaction: the file is fetched once the message is committed. */
    public Uni<Void> enqueue(SqlClient client, UUID communicationId, String mediaId) {
        return client.preparedQuery(ENQUEUE).execute(Tuple.of(communicationId, mediaId)).replaceWithVoid();
    }

    Uni<List<Claimed>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM_DUE).execute(Tuple.of(limit, seconds(lease))).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getUUID("communication_id"), row.getString("media_id"), row.getInteger("attempts"),
                        InboundMedia.from(row.getJsonObject("media"))));
            }
            return claimed;
        });
    }

    /** Nothing more to do: stored, too large, or given up ({@code lastError} says why, null when stored). */
    Uni<Void> settle(SqlClient client, UUID communicationId, String lastError) {
        return client.preparedQuery(SETTLE).execute(Tuple.of(communicationId, lastError)).replaceWithVoid();
    }

    Uni<Void> putOff(SqlClient client, UUID communicationId, Duration delay, String lastError) {
        return client.preparedQuery(PUT_OFF).execute(Tuple.of(communicationId, seconds(delay), lastError)).replaceWithVoid();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
