package com.atsplatform.communications.analytics;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.QueryParameter;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.security.Roles;

import io.smallrye.mutiny.Uni;

/** {@code /api/v1/analytics}: how outreach fares. */
@Path("/api/v1/analytics")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Analytics")
public class AnalyticsResource {

    private final FunnelRepository funnels;

    AnalyticsResource(FunnelRepository funnels) {
        this.funnels = funnels;
    }

    /**
     * First contacts created in [{@code since}, {@code until}) (each an ISO-8601 instant or a date,
     * midnight UTC), by stage reached.
     */
    @APIResponse(responseCode = "200", description = "the funnel")
    @APIResponse(responseCode = "400", description = "validation: since after until, or a malformed time or id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/funnel")
    public Uni<Funnel> funnel(@QueryParam("position") @Size(max = 200) String position,
            @QueryParam("template_name") @Size(max = 512) String templateName,
            @QueryParam("campaign_id") @Parameter(schema = @Schema(implementation = UUID.class)) String campaignId,
            @QueryParam("since") String since,
            @QueryParam("until") String until) {
        return funnel(position, templateName, QueryParameter.uuid("campaign_id", campaignId), QueryParameter.instant("since", since),
                QueryParameter.instant("until", until));
    }

    private Uni<Funnel> funnel(String position, String templateName, UUID campaignId, Instant since, Instant until) {
        if (since != null && until != null && since.isAfter(until)) {
            throw ProblemException.invalidField("since", "must not be after until");
        }
        return funnels.funnel(new FunnelRepository.Filters(position, templateName, campaignId, since, until));
    }
}
