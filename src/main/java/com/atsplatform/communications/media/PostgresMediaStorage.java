package com.atsplatform.communications.media;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The bytes in table {@code media_chunks}, in pieces of {@value #CHUNK_SIZE} bytes: written as
 * they arrive (one piece held at a time) and read one piece per request of the subscriber.
 */
@ApplicationScoped
class PostgresMediaStorage implements MediaStorage {

    /** 256 KiB: big enough that a 25 MB file is 100 rows, small enough to be nothing in memory. */
    static final int CHUNK_SIZE = 256 * 1024;

    private static final String DELETE = "delete from media_chunks where communication_id = $1";
    private static final String INSERT = "insert into media_chunks (communication_id, seq, data) values ($1, $2, $3)";
    private static final String READ = "select data from media_chunks where communication_id = $1 and seq = $2";

    private final Pool pool;

    PostgresMediaStorage(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> write(UUID key, Multi<Buffer> content) {
        Chunker chunker = new Chunker(key);
        return delete(key)
                // One incoming buffer at a time: the next is asked for once the pieces it filled are written.
                .flatMap(deleted -> content.onItem().transformToUniAndConcatenate(chunker::add).collect().last())
                .flatMap(ignored -> chunker.flush());
    }

    @Override
    public Multi<Buffer> read(UUID key) {
        AtomicInteger seq = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> pool.preparedQuery(READ).execute(Tuple.of(key, seq.getAndIncrement()))
                        .map(rows -> rows.size() == 0 ? Buffer.buffer() : rows.iterator().next().getBuffer("data")))
                .until(chunk -> chunk.length() == 0);
    }

    @Override
    public Uni<Void> delete(UUID key) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Cuts the incoming buffers into pieces of {@link #CHUNK_SIZE} and writes each when it is full. */
    private final class Chunker {

        private final UUID key;
        private Buffer pending = Buffer.buffer();
        private int seq;

        Chunker(UUID key) {
            this.key = key;
        }

        Uni<Void> add(Buffer incoming) {
            pending.appendBuffer(incoming);
            if (pending.length() < CHUNK_SIZE) {
                return Uni.createFrom().voidItem();
            }
            Buffer full = pending.getBuffer(0, CHUNK_SIZE);
            pending = pending.getBuffer(CHUNK_SIZE, pending.length());
            return insert(full).flatMap(ignored -> pending.length() >= CHUNK_SIZE ? add(Buffer.buffer()) : Uni.createFrom().voidItem());
        }

        Uni<Void> flush() {
            return pending.length() == 0 ? Uni.createFrom().voidItem() : insert(pending);
        }

        private Uni<Void> insert(Buffer chunk) {
            return pool.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(key).addInteger(seq++).addBuffer(chunk)).replaceWithVoid();
        }
    }
}
