package com.atsplatform.communications.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A result shared by several callers (one refresh, one reservation) completes on the context of
 * whoever started it. Each caller resumes on its own Vert.x context (its request's event loop and
 * duplicated context), not on the starter's, whose request may be long finished.
 */
public final class CallersContext {

    private CallersContext() {
    }

    public static <T> Uni<T> resumeOn(Uni<T> shared) {
        Context context = Vertx.currentContext();
        return context == null ? shared : shared.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
