package com.atsplatform.communications.media;

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
 * The media downloads' wake-up call, beside the outbox's: an instance scaled to zero runs no
 * scheduler, so the wake-up job calls this when downloads are due (after a Meta outage). Same
 * shared token as the outbox's ({@code WHATSAPP_OUTBOX_WAKE_UP_TOKEN}); 404 without one.
 */
@Path("/internal/media/download")
@PermitAll
@Tag(name = "Operations")
public class MediaWakeUpResource {

    private final MediaDownloads downloads;
    private final WhatsAppConfig config;

    MediaWakeUpResource(MediaDownloads downloads, WhatsAppConfig config) {
        this.downloads = downloads;
        this.config = config;
    }

    @Operation(summary = "Fetch the due media files now", description = "For the wake-up job; needs X-Wake-Up-Token")
    @APIResponse(responseCode = "200", description = "how many downloads were tried")
    @APIResponse(responseCode = "401", description = "token missing or wrong")
    @APIResponse(responseCode = "404", description = "no wake-up token is configured")
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Integer>> download(@HeaderParam(SharedSecrets.WAKE_UP_HEADER) String token) {
        SharedSecrets.checkWakeUp(config.outbox().wakeUpToken(), token);
        if (!config.enabled()) {
            return Uni.createFrom().item(Map.of("tried", 0));
        }
        return downloads.downloadDue().map(tried -> Map.of("tried", tried));
    }
}
