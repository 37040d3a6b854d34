package com.atsplatform.communications.whatsapp.graph;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.whatsapp.GraphPort;

class GraphPortProducer {

    private static final Logger LOG = Logger.getLogger(GraphPortProducer.class);

    /** Mock mode answers from the process itself; live mode talks to Meta. */
    @Produces
    @Singleton
    GraphPort graphPort(WhatsAppConfig config, GraphApi live, MockGraphApi mock) {
        LOG.infof("WhatsApp gateway: %s mode%s", config.mockMode() ? "mock" : "live", config.enabled() ? "" : " (integration disabled)");
        return config.mockMode() ? mock : live;
    }
}
