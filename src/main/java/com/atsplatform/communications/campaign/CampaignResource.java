package com.atsplatform.communications.campaign;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.idempotency.IdempotentRequests;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/campaigns}: one template to many applications, paced, with reminders and live figures. */
@Path("/api/v1/campaigns")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Campaigns")
public class CampaignResource {

    private final CampaignService campaigns;
    private final IdempotentRequests idempotency;
    private final SecurityIdentity identity;

    CampaignResource(CampaignService campaigns, IdempotentRequests idempotency, SecurityIdentity identity) {
        this.campaigns = campaigns;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @APIResponse(responseCode = "202", description = "created and running: its messages are in the outbox; Location")
    @APIResponse(responseCode = "400", description = "validation: invalid body (more than 10,000 application_ids, an unknown placeholder, a reminder's after out of PT1M..P30D) or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "idempotency-key-in-progress", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "unknown-applications (listed in unknown_application_ids), unknown-template, template-parameter-count (of the template or the reminder's), idempotency-key-reused; nothing is created", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "whatsapp-disabled", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    public Uni<Response> create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @NotNull @Valid CampaignRequest request) {
        String principal = identity.getPrincipal().getName();
        return idempotency.once(idempotencyKey, principal, "POST /api/v1/campaigns", request,
                () -> campaigns.create(request, principal).map(campaign -> Response.accepted(campaign)
                        .location(URI.create("/api/v1/campaigns/" + campaign.campaignId())).build()));
    }

    /** Newest first. */
    @GET
    public Uni<Page<Campaign>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return campaigns.list(page, size);
    }

    @APIResponse(responseCode = "200", description = "the campaign with its live figures")
    @APIResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{campaign_id}")
    public Uni<Campaign> get(@PathParam("campaign_id") UUID id) {
        return campaigns.get(id);
    }

    @APIResponse(responseCode = "200", description = "the recipients in the order they were given")
    @APIResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{campaign_id}/recipients")
    public Uni<Page<Recipient>> recipients(@PathParam("campaign_id") UUID id,
            @QueryParam("status") @Pattern(regexp = "skipped|pending|sent|delivered|read|replied|failed",
                    message = "must be one of skipped, pending, sent, delivered, read, replied, failed") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return campaigns.recipients(id, status, page, size);
    }

    @APIResponse(responseCode = "200", description = "cancelled: what was not handed to Meta is failed, reminders cancelled")
    @APIResponse(responseCode = "404", description = "not-found", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "campaign-completed: nothing is left to cancel", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{campaign_id}/cancel")
    public Uni<Campaign> cancel(@PathParam("campaign_id") UUID id) {
        return campaigns.cancel(id);
    }
}
