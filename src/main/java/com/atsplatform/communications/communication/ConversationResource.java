package com.atsplatform.communications.communication;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.security.Roles;

import io.smallrye.mutiny.Uni;

/** A candidate's conversation: the thread of every message to and from them. */
@Path("/api/v1/candidates/{candidate_id}/conversation")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Candidates")
public class ConversationResource {

    private final CommunicationService reading;

    ConversationResource(CommunicationService reading) {
        this.reading = reading;
    }

    /** Outbound and inbound messages, oldest first, with their statuses and interest. */
    @APIResponse(responseCode = "200", description = "a page of the thread, oldest first")
    @APIResponse(responseCode = "404", description = "not-found: no candidate with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    public Uni<Page<CommunicationView>> conversation(@PathParam("candidate_id") UUID candidateId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        return reading.conversation(candidateId, page, size).map(result -> result.map(CommunicationView::of));
    }
}
