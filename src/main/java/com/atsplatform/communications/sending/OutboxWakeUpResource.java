package com.atsplatform.communications.sending;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.security.SharedSecrets;

import io.smallrye.mutiny.Uni;

/**
 * The outbox's wake-up call: an instance scaled to zero has no scheduler running, so a job that
 * sees due messages calls this (which starts an instance) and the call sends them. Not public: a
 * shared token, compared in constant time; without one configured the endpoint does not exist.
 */
@Path("/internal/outbox/drain")
@PermitAll
@Tag(name = "Operations")
public class OutboxWakeUpResource {

    public static final String HEADER = SharedSecrets.WAKE_UP_HEADER;

    private final OutboxWorker outbox;
    private final WhatsAppConfig config;

    OutboxWakeUpResource(OutboxWorker outbox, WhatsAppConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Operation(summary = "Send the due pending messages now", description = "For the wake-up job; needs X-Wake-Up-Token")
    @APIResponse(responseCode = "200", description = "how many messages were dispatched")
    @APIResponse(responseCode = "401", description = "token missing or wrong")
    @APIResponse(responseCode = "404", description = "no wake-up token is configured")
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Integer>> drain(@HeaderParam(HEADER) String token) {
        SharedSecrets.checkWakeUp(config.outbox().wakeUpToken(), token);
        if (!config.enabled()) {
            return Uni.createFrom().item(Map.of("dispatched", 0));
        }
        return outbox.drain().map(dispatched -> Map.of("dispatched", dispatched));
    }
}
