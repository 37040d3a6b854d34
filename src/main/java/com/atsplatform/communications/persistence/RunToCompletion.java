package com.atsplatform.communications.persistence;

import io.smallrye.mutiny.Uni;

/**
 * Work that must not stop half-way because the HTTP client went away: a send (a message Meta
 * accepted must get its wamid recorded) and a webhook delivery (a transaction begun by hand must
 * end with COMMIT or ROLLBACK, not leave its connection to the pool mid-transaction).
 */
public final class RunToCompletion {

    private RunToCompletion() {
    }

    /** The same work, subscribed on its own: cancelling the returned Uni only drops the result. */
    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
