package com.atsplatform.communications.whatsapp.graph;

import com.atsplatform.communications.whatsapp.MetaError;

/** A failure worth retrying (throttling, Meta's 5xx, no connection); counted by the circuit breaker. */
class GraphUnavailable extends RuntimeException {

    private final MetaError error;

    GraphUnavailable(MetaError error) {
        super(error.summary(), null, false, false);
        this.error = error;
    }

    MetaError error() {
        return error;
    }
}
