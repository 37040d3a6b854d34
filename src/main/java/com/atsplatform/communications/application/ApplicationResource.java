package com.atsplatform.communications.application;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.api.QueryParameter;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.security.Roles;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/applications")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Applications")
public class ApplicationResource {

    private final ApplicationService service;

    ApplicationResource(ApplicationService service) {
        this.service = service;
    }

    @APIResponse(responseCode = "201", description = "the application, status new; Location and ETag")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no candidate with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    public Uni<Response> create(@NotNull @Valid CreateApplication request) {
        return service.create(request.candidateId(), request.position())
                .map(application -> Response.created(URI.create("/api/v1/applications/" + application.id))
                        .tag(etag(application)).entity(ApplicationView.of(application)).build());
    }

    @APIResponse(responseCode = "200", description = "the application; ETag")
    @APIResponse(responseCode = "404", description = "not-found: no application with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    /** The application, with its version as {@code ETag} for a later {@code If-Match}. */
    @GET
    @Path("/{application_id}")
    public Uni<Response> get(@PathParam("application_id") UUID id) {
        return service.get(id).map(application -> Response.ok(ApplicationView.of(application)).tag(etag(application)).build());
    }

    @APIResponse(responseCode = "200", description = "the application as changed; ETag")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no application with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "transition-not-allowed: the status cannot be reached from the current one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: If-Match is not the current ETag", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    /**
     * Changes only the fields the body names. With {@code If-Match} (an ETag from a read) the change
     * is refused with 412 when the application changed meanwhile.
     */
    @PATCH
    @Path("/{application_id}")
    public Uni<Response> update(@PathParam("application_id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid UpdateApplication request) {
        return service.update(id, request.status(), request.needsAttention(), expectedVersion(ifMatch))
                .map(application -> Response.ok(ApplicationView.of(application)).tag(etag(application)).build());
    }

    @APIResponse(responseCode = "200", description = "a page of applications, newest first")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    public Uni<Page<ApplicationView>> list(
            @QueryParam("candidate_id") @Parameter(schema = @Schema(implementation = UUID.class)) String candidateId,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ApplicationStatus.class)) String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(QueryParameter.uuid("candidate_id", candidateId), QueryParameter.oneOf("status", status, ApplicationStatus.class),
                page, size).map(result -> result.map(ApplicationView::of));
    }

    private static EntityTag etag(JobApplication application) {
        return new EntityTag(Long.toString(application.version));
    }

    /**
     * The version an {@code If-Match} names: null when absent or {@code *}; a value that is no ETag
     * of ours can match nothing, so it is answered like a stale one (412).
     */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() > 2 && tag.length() <= 21 && tag.startsWith("\"") && tag.endsWith("\"")
                && tag.substring(1, tag.length() - 1).chars().allMatch(Character::isDigit)) {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        }
        return -1L;
    }

    @RegisterForReflection
    public record CreateApplication(@NotNull UUID candidateId, @NotBlank @Size(max = 200) String position) {
    }

    /** Either field may be left out, not both. */
    @RegisterForReflection
    public record UpdateApplication(ApplicationStatus status, Boolean needsAttention) {

        @JsonIgnore
        @AssertTrue(message = "give status or needs_attention")
        public boolean isStatusOrNeedsAttention() {
            return status != null || needsAttention != null;
        }
    }

    @RegisterForReflection
    public record ApplicationView(UUID applicationId, UUID candidateId, String position, ApplicationStatus status,
            boolean needsAttention, long version, Instant createdAt, Instant updatedAt) {

        static ApplicationView of(JobApplication a) {
            return new ApplicationView(a.id, a.candidateId, a.position, a.status, a.needsAttention, a.version, a.createdAt,
                    a.updatedAt);
        }
    }
}
