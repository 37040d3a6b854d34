package com.atsplatform.communications.media;

import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Where the bytes of candidates' files are kept, by the id of the message that carried them.
 * PostgreSQL by default ({@link PostgresMediaStorage}); an S3-compatible store implements the same
 * three operations. Both directions stream: no file is ever whole in memory.
 */
public interface MediaStorage {

    /**
     * Stores {@code content} under {@code key}, replacing whatever was there; completes once every
     * byte is durable, fails (leaving a partial copy that {@link #delete} removes) when the content
     * fails. Nobody reads a key before its record says {@code stored}.
     */
    Uni<Void> write(UUID key, Multi<Buffer> content);

    /** The bytes under {@code key}, in order, fetched as the subscriber asks for them. */
    Multi<Buffer> read(UUID key);

    Uni<Void> delete(UUID key);
}
