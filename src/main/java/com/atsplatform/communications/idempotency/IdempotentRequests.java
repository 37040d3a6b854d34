package com.atsplatform.communications.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.atsplatform.communications.persistence.Periodic;
import com.atsplatform.communications.persistence.RunToCompletion;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code Idempotency-Key} for the requests that send: the first request with a key runs and its
 * answer (success or problem) is kept in PostgreSQL, so it survives restarts and every replica sees
 * it; the same key with the same body within 24 hours gets that answer again without running
 * anything; the same key with another body is a 422; while the first is still running, 409. Keys
 * belong to the caller (the token's principal) and the operation. An unexpected failure (a 5xx)
 * keeps nothing, so the client can try again with the same key.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    /** Tells a client that the answer is the stored one of an earlier request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration KEPT_FOR = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);

    /** Takes the key for this request, unless an unexpired one exists. */
    private static final String RESERVE = """
            insert into idempotency_keys as k (scope, idempotency_key, request_hash) values ($1, $2, $3)
            on conflict (scope, idempotency_key) do update
               set request_hash = excluded.request_hash, response_status = null, response_type = null, response_body = null,
                   location = null, created_at = now()
             where k.created_at < now() - make_interval(secs => $4)
            returning 1
            """;
    private static final String FIND = """
            select request_hash, response_status, response_type, response_body, location from idempotency_keys
             where scope = $1 and idempotency_key = $2
            """;
    private static final String STORE = """
            update idempotency_keys set response_status = $3, response_type = $4, response_body = $5, location = $6
             where scope = $1 and idempotency_key = $2
            """;
    private static final String FORGET = "delete from idempotency_keys where scope = $1 and idempotency_key = $2";
    private static final String PURGE = "delete from idempotency_keys where created_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final ObjectMapper mapper;

    IdempotentRequests(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * Runs {@code work} once per key.
     *
     * @param key       the header's value; null runs {@code work} as usual
     * @param principal who calls (keys of different callers never meet)
     * @param operation method and path, e.g. {@code POST /api/v1/communications/send}
     * @param body      the parsed request body, null when there is none: "the same request" is the
     *                  same operation with the same body
     */
    public Uni<Response> once(String key, String principal, String operation, Object body, Supplier<Uni<Response>> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String scope = sha256Hex(principal) + " " + operation;
        byte[] hash = sha256((operation + "\n" + json(body)).getBytes(StandardCharsets.UTF_8));
        Uni<Response> once = pool.preparedQuery(RESERVE).execute(Tuple.of(scope, key, hash, (double) KEPT_FOR.toSeconds()))
                .flatMap(rows -> rows.rowCount() == 1 ? runAndKeep(scope, key, work) : earlierAnswer(scope, key, hash));
        // Once the key is taken, the answer must be kept even if the client has gone.
        return RunToCompletion.of(once);
    }

    /** Hourly, the first time a minute after start-up. */
    static void schedulePurge(@Observes StartupEvent start, Periodic periodic, IdempotentRequests requests) {
        periodic.every("Idempotency key purge", Duration.ofMinutes(1), Duration.ofHours(1), requests::purgeExpired);
    }

    Uni<Void> purgeExpired() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) KEPT_FOR.toSeconds()))
                .invoke(rows -> LOG.debugf("Purged %d expired idempotency keys", rows.rowCount()))
                .onFailure().invoke(failure -> LOG.warnf("Idempotency key purge failed (%s)", failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Response> runAndKeep(String scope, String key, Supplier<Uni<Response>> work) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(ProblemException.class).recoverWithItem(failure -> problemResponse(((ProblemException) failure).problem()))
                .call(response -> response.getStatus() >= 500 ? forget(scope, key) : keep(scope, key, response))
                .onFailure().call(failure -> forget(scope, key));
    }

    private Uni<Void> keep(String scope, String key, Response response) {
        String type = response.getMediaType() == null ? MediaType.APPLICATION_JSON : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        return pool.preparedQuery(STORE).execute(Tuple.tuple().addString(scope).addString(key).addInteger(response.getStatus())
                .addString(type).addString(json(response.getEntity())).addString(location)).replaceWithVoid();
    }

    private Uni<Void> forget(String scope, String key) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(scope, key)).replaceWithVoid();
    }

    private Uni<Response> earlierAnswer(String scope, String key, byte[] hash) {
        return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                // Forgotten (its request failed) between our attempt to take it and this read.
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                        "The request with this Idempotency-Key has just ended without an answer; send it again");
            }
            Row row = rows.iterator().next();
            if (!Arrays.equals(row.getBuffer("request_hash").getBytes(), hash)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request in the last 24 hours; use a new key");
            }
            if (row.getInteger("response_status") == null) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                        "The first request with this Idempotency-Key is still running; ask again shortly");
            }
            Response.ResponseBuilder answer = Response.status(row.getInteger("response_status"))
                    .type(row.getString("response_type")).entity(row.getString("response_body")).header(REPLAYED_HEADER, "true");
            if (row.getString("location") != null) {
                answer.header(HttpHeaders.LOCATION, row.getString("location"));
            }
            return answer.build();
        });
    }

    private static Response problemResponse(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a request or answer as JSON", e);
        }
    }

    private static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
