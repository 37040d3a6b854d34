package com.atsplatform.communications.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.CallersContext;
import com.atsplatform.communications.persistence.Periodic;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The business account's templates, cached: loaded on first use, refreshed every
 * {@code whatsapp.templates.refresh-interval} and at once when Meta says a template does not
 * exist (132001). A failed refresh keeps the last good list.
 */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    private record Snapshot(List<MessageTemplate> templates, Instant loadedAt) {
    }

    private final GraphPort graph;
    private volatile Snapshot snapshot;
    /** The refresh in progress, shared by everyone who asks meanwhile. */
    private volatile Uni<List<MessageTemplate>> refreshing;

    TemplateCatalog(GraphPort graph) {
        this.graph = graph;
    }

    public Uni<List<MessageTemplate>> all() {
        Snapshot current = snapshot;
        return current != null ? Uni.createFrom().item(current.templates()) : refresh();
    }

    public Uni<Optional<MessageTemplate>> find(String name, String language) {
        return all().map(templates -> templates.stream()
                .filter(t -> t.name().equals(name) && t.language().equalsIgnoreCase(language)).findFirst());
    }

    /**
     * The template, or, when the list cannot be loaded at all (Meta unreachable and nothing cached),
     * an unverified one with the given parameter count, so a message is not refused for Meta's outage:
     * Meta checks the template when the message goes out. Empty only when the list was loaded and
     * has no such template.
     */
    public Uni<Optional<MessageTemplate>> findOrUnverified(String name, String language, int parameterCount) {
        return find(name, language).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Template list unavailable (%s): template '%s' goes out unverified", failure.getClass().getSimpleName(), name);
            return Optional.of(MessageTemplate.unverified(name, language, parameterCount));
        });
    }

    public Uni<List<MessageTemplate>> refresh() {
        return CallersContext.resumeOn(sharedRefresh());
    }

    private synchronized Uni<List<MessageTemplate>> sharedRefresh() {
        if (refreshing == null) {
            refreshing = graph.templates()
                    .invoke(templates -> {
                        snapshot = new Snapshot(templates, Instant.now());
                        LOG.debugf("Template catalog refreshed: %d templates", templates.size());
                    })
                    .onFailure().recoverWithUni(failure -> {
                        Snapshot last = snapshot;
                        LOG.warnf("Template catalog refresh failed (%s); %s", failure.getClass().getSimpleName(),
                                last == null ? "no templates known yet" : "keeping the list loaded at " + last.loadedAt());
                        return last == null ? Uni.createFrom().failure(failure) : Uni.createFrom().item(last.templates());
                    })
                    .eventually(this::refreshed)
                    .memoize().indefinitely();
        }
        return refreshing;
    }

    /** Every {@code whatsapp.templates.refresh-interval}, the first time one interval after start-up. */
    static void schedule(@Observes StartupEvent start, Periodic periodic, WhatsAppConfig config, TemplateCatalog catalog) {
        periodic.every("Template catalog refresh", config.templates().refreshInterval(), config.templates().refreshInterval(),
                catalog::refreshPeriodically);
    }

    Uni<Void> refreshPeriodically() {
        return refresh().replaceWithVoid().onFailure().recoverWithNull();
    }

    private synchronized void refreshed() {
        refreshing = null;
    }
}
