package com.atsplatform.communications.communication;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.application.ApplicationStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * What Meta's acceptance of an outbound message means beyond the message itself, wherever it is
 * learnt: the send answer or the outbox (a wamid in Graph's answer) or a status webhook (after a
 * call whose answer was lost). Called once, in the same transaction, by whoever moves the row out of
 * {@code pending} to an accepted status.
 */
@ApplicationScoped
public class Acceptance {

    /** The row that Meta accepted, as it was when it left {@code pending}. */
    public record Accepted(UUID communicationId, UUID applicationId, MessageType messageType) {
    }

    private final ApplicationStore applications;

    Acceptance(ApplicationStore applications) {
        this.applications = applications;
    }

    /** A first {@code initial} message moves a {@code new} application to {@code contacted}. */
    public Uni<Void> apply(SqlClient client, Accepted accepted) {
        if (!hasEffects(accepted.messageType(), accepted.applicationId())) {
            return Uni.createFrom().voidItem();
        }
        return applications.firstContact(client, accepted.applicationId());
    }

    /** Whether accepting such a message changes anything besides the message (if not, no transaction is needed). */
    static boolean hasEffects(MessageType messageType, UUID applicationId) {
        return messageType == MessageType.INITIAL && applicationId != null;
    }
}
