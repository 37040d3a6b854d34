package com.atsplatform.communications.campaign;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Every outbox interval, running campaigns with nothing left to send become {@code completed}. */
@ApplicationScoped
class CampaignCompletion {

    private static final Logger LOG = Logger.getLogger(CampaignCompletion.class);

    private final CampaignStore store;

    CampaignCompletion(CampaignStore store) {
        this.store = store;
    }

    @Scheduled(every = "${whatsapp.outbox.interval:10s}", delayed = "${whatsapp.outbox.interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return store.completeFinished().invoke(completed -> {
            if (completed > 0) {
                LOG.infof("%d campaign(s) completed", completed);
            }
        }).onFailure().invoke(failure -> LOG.warnf("Campaign completion check failed (%s); it runs again at the next tick",
                failure.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }
}
