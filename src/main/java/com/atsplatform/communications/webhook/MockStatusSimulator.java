package com.atsplatform.communications.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.whatsapp.MockMessageAccepted;

import io.vertx.mutiny.core.Vertx;

/**
 * Mock mode's stand-in for Meta's status webhooks: a message the mock gateway accepted becomes
 * {@code sent}, then {@code delivered}, then {@code read}, through {@link WebhookProcessor} like a
 * real delivery, so the frontend sees realistic flows without a Meta account.
 */
@ApplicationScoped
class MockStatusSimulator {

    private static final Logger LOG = Logger.getLogger(MockStatusSimulator.class);

    private final WhatsAppConfig config;
    private final WebhookProcessor processor;
    private final Vertx vertx;

    MockStatusSimulator(WhatsAppConfig config, WebhookProcessor processor, Vertx vertx) {
        this.config = config;
        this.processor = processor;
        this.vertx = vertx;
    }

    void onAccepted(@Observes MockMessageAccepted message) {
        WhatsAppConfig.Mock mock = config.mock();
        if (!mock.simulateStatuses()) {
            return;
        }
        schedule(message, "sent", mock.sentAfter());
        schedule(message, "delivered", mock.deliveredAfter());
        schedule(message, "read", mock.readAfter());
    }

    private void schedule(MockMessageAccepted message, String status, Duration after) {
        vertx.setTimer(Math.max(1, after.toMillis()), timer -> processor
                .process(List.of(new WebhookEvent.Status(message.whatsappMessageId(), message.communicationId(), status, Instant.now(),
                        null, null, Map.of())))
                .subscribe().with(report -> {
                }, failure -> LOG.warnf("Simulated '%s' status not applied (%s)", status, failure.getClass().getSimpleName())));
    }
}
