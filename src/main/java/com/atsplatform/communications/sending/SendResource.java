package com.atsplatform.communications.sending;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.communication.Communication;
import com.atsplatform.communications.communication.CommunicationView;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.idempotency.IdempotentRequests;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.reminder.ReminderRequest;
import com.atsplatform.communications.security.Roles;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Sending and retrying under {@code /api/v1/communications}; the reads are in {@code communication.CommunicationResource}. */
@Path("/api/v1/communications")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Communications")
public class SendResource {

    private final SendService sending;
    private final IdempotentRequests idempotency;
    private final SecurityIdentity identity;

    SendResource(SendService sending, IdempotentRequests idempotency, SecurityIdentity identity) {
        this.sending = sending;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @APIResponse(responseCode = "201", description = "Meta accepted it: status sent, whatsapp_message_id; Location")
    @APIResponse(responseCode = "202", description = "Meta could not be reached: status pending, the outbox sends it; Location")
    @APIResponse(responseCode = "400", description = "validation: invalid body, phone or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no candidate or application with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "idempotency-key-in-progress: the first request with this key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "application-of-another-candidate, candidate-opted-out, outside-service-window, unknown-template, template-parameter-count, meta-rejected (with communication_id and error_code), idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "whatsapp-disabled", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    /**
     * 201 when Meta accepted it, 202 when it is pending for the outbox, 422 when Meta refused it. With
     * an {@code Idempotency-Key}, the same request again within 24 hours gets the first answer.
     */
    @POST
    @Path("/send")
    public Uni<Response> send(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @NotNull @Valid SendRequest request) {
        return idempotency.once(idempotencyKey, identity.getPrincipal().getName(), "POST /api/v1/communications/send", request,
                () -> sending.send(new SendService.SendCommand(request.applicationId(), request.candidateId(), request.phone(),
                        request.templateName(), request.templateVariables(), request.language(), request.text(), request.messageType(),
                        request.reminder()))
                        .map(SendResource::answer));
    }

    @APIResponse(responseCode = "201", description = "Meta accepted it this time")
    @APIResponse(responseCode = "202", description = "pending again: the outbox sends it")
    @APIResponse(responseCode = "400", description = "validation: invalid Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no communication with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not-retryable (not a failed outbound message), retry-limit-reached (3 retries made), idempotency-key-in-progress", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "candidate-opted-out, outside-service-window, unknown-template, template-parameter-count, meta-rejected, idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "whatsapp-disabled", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{communication_id}/retry")
    public Uni<Response> retry(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @PathParam("communication_id") UUID id) {
        return idempotency.once(idempotencyKey, identity.getPrincipal().getName(), "POST /api/v1/communications/" + id + "/retry", null,
                () -> sending.retry(id).map(SendResource::answer));
    }

    private static Response answer(SendService.Sent sent) {
        Communication communication = sent.communication();
        if (sent.outcome() instanceof SendOutcome.Rejected rejected) {
            throw new SendProblems.MetaRefused(communication.communicationId, rejected.error());
        }
        CommunicationView view = CommunicationView.of(communication);
        URI location = URI.create("/api/v1/communications/" + communication.communicationId);
        if (sent.outcome() instanceof SendOutcome.Accepted) {
            return Response.created(location).entity(view).build();
        }
        return Response.accepted(view).location(location).build();
    }

    /** The send body of PRODUCT.md: exactly one of {@code template_name} and {@code text}. */
    @RegisterForReflection
    public record SendRequest(
            @NotNull UUID applicationId,
            @NotNull UUID candidateId,
            @Size(max = 40) String phone,
            @Size(max = 512) String templateName,
            @Size(max = 20) List<@NotNull @Size(max = 1024) String> templateVariables,
            @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a language code such as es or en_US") String language,
            @Size(max = 4096) String text,
            MessageType messageType,
            @Valid ReminderRequest reminder) {

        @JsonIgnore
        @AssertTrue(message = "give exactly one of template_name and text")
        public boolean isTemplateOrText() {
            return (templateName != null && !templateName.isBlank()) != (text != null && !text.isBlank());
        }

        @JsonIgnore
        @AssertTrue(message = "template_variables go with template_name only")
        public boolean isVariablesWithTemplate() {
            return templateVariables == null || templateVariables.isEmpty() || templateName != null;
        }

        @JsonIgnore
        @AssertTrue(message = "a reminder follows a template message only")
        public boolean isReminderAfterTemplate() {
            return reminder == null || templateName != null;
        }

        @JsonIgnore
        @AssertTrue(message = "reply is for inbound messages only")
        public boolean isNotReply() {
            return messageType != MessageType.REPLY;
        }
    }
}
