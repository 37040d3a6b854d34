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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.security.Roles;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/applications")
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@Tag(name = "Applications")
public class ApplicationResource {

    private final ApplicationService service;

    ApplicationResource(ApplicationService service) {
        this.service = service;
    }

    @POST
    public Uni<Response> create(@NotNull @Valid CreateApplication request) {
        return service.create(request.candidateId(), request.position())
                .map(application -> Response.created(URI.create("/api/v1/applications/" + application.id))
                        .entity(ApplicationView.of(application)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ApplicationView> get(@PathParam("id") UUID id) {
        return service.get(id).map(ApplicationView::of);
    }

    @PATCH
    @Path("/{id}")
    public Uni<ApplicationView> update(@PathParam("id") UUID id, @NotNull @Valid UpdateApplication request) {
        return service.update(id, request.status(), request.needsAttention()).map(ApplicationView::of);
    }

    @GET
    public Uni<Page<ApplicationView>> list(@QueryParam("candidate_id") UUID candidateId,
            @QueryParam("status") ApplicationStatus status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(candidateId, status, page, size).map(result -> result.map(ApplicationView::of));
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
    public record ApplicationView(UUID id, UUID candidateId, String position, ApplicationStatus status,
            boolean needsAttention, Instant createdAt, Instant updatedAt) {

        static ApplicationView of(JobApplication a) {
            return new ApplicationView(a.id, a.candidateId, a.position, a.status, a.needsAttention, a.createdAt,
                    a.updatedAt);
        }
    }
}
