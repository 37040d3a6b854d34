package com.atsplatform.communications.candidate;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.security.Roles;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/candidates")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Candidates")
public class CandidateResource {

    private final CandidateService service;

    CandidateResource(CandidateService service) {
        this.service = service;
    }

    @APIResponse(responseCode = "201", description = "the candidate, phone in E.164; Location")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    public Uni<Response> create(@NotNull @Valid CreateCandidate request) {
        return service.create(request.fullName(), request.phone(), request.email())
                .map(candidate -> Response.created(URI.create("/api/v1/candidates/" + candidate.id))
                        .entity(CandidateView.of(candidate)).build());
    }

    @APIResponse(responseCode = "200", description = "the candidate")
    @APIResponse(responseCode = "404", description = "not-found: no candidate with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{candidate_id}")
    public Uni<CandidateView> get(@PathParam("candidate_id") UUID id) {
        return service.get(id).map(CandidateView::of);
    }

    @APIResponse(responseCode = "200", description = "a page of candidates, newest first")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    public Uni<Page<CandidateView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(page, size).map(result -> result.map(CandidateView::of));
    }

    @RegisterForReflection
    public record CreateCandidate(
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Size(max = 40) String phone,
            @Email @Size(max = 320) String email) {
    }

    @RegisterForReflection
    public record CandidateView(UUID candidateId, String fullName, String phone, String email, boolean whatsappOptOut,
            Instant optedOutAt, Instant createdAt, Instant updatedAt) {

        static CandidateView of(Candidate c) {
            return new CandidateView(c.id, c.fullName, c.phone, c.email, c.whatsappOptOut, c.optedOutAt,
                    c.createdAt, c.updatedAt);
        }
    }
}
