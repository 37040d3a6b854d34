package com.atsplatform.communications.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.Periodic;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Every outbox interval, running campaigns with nothing left to send become {@code completed}. */
@ApplicationScoped
class CampaignCompletion {

    private static final Logger LOG = Logger.getLogger(CampaignCompletion.class);

    private final CampaignStore store;

    CampaignCompletion(CampaignStore store) {
        this.store = store;
    }

    /** Checked as often as the outbox runs, the first time one interval after start-up. */
    static void schedule(@Observes StartupEvent start, Periodic periodic, WhatsAppConfig config, CampaignCompletion completion) {
        periodic.every("Campaign completion check", config.outbox().interval(), config.outbox().interval(), completion::onSchedule);
    }

    Uni<Void> onSchedule() {
        return store.completeFinished().invoke(completed -> {
            if (completed > 0) {
                LOG.infof("%d campaign(s) completed", completed);
            }
        }).onFailure().invoke(failure -> LOG.warnf("Campaign completion check failed (%s); it runs again at the next tick",
                failure.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }
}
