package com.atsplatform.communications.whatsapp.graph;

import com.atsplatform.communications.whatsapp.MetaError;

/** A non-2xx answer of the Graph API, parsed. */
class GraphApiException extends RuntimeException {

    private final MetaError error;

    GraphApiException(MetaError error) {
        super(error.summary(), null, false, false);
        this.error = error;
    }

    MetaError error() {
        return error;
    }
}
