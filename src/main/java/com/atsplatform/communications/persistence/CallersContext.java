package com.atsplatform.communications.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A result shared by several callers (one refresh, one reservation) completes on the context of
 * whoever started it. Hibernate Reactive binds a session to the Vert.x context, so each caller must
 * resume on its own, or it would go on in another request's session (one that may be closed).
 */
public final class CallersContext {

    private CallersContext() {
    }

    public static <T> Uni<T> resumeOn(Uni<T> shared) {
        Context context = Vertx.currentContext();
        return context == null ? shared : shared.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
