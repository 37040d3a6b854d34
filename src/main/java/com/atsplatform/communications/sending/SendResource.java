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

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.communication.Communication;
import com.atsplatform.communications.communication.CommunicationView;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.idempotency.IdempotentRequests;
import com.atsplatform.communications.security.Roles;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Sending and retrying under {@code /api/v1/communications}; the reads are in {@code communication.CommunicationResource}. */
@Path("/api/v1/communications")
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
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

    /**
     * 201 when Meta accepted it, 202 when it is pending for the outbox, 422 when Meta refused it. With
     * an {@code Idempotency-Key}, the same request again within 24 hours gets the first answer.
     */
    @POST
    @Path("/send")
    public Uni<Response> send(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @NotNull @Valid SendRequest request) {
        return idempotency.once(idempotencyKey, identity.getPrincipal().getName(), "POST /api/v1/communications/send", request,
                () -> sending.send(new SendService.SendCommand(request.applicationId(), request.candidateId(), request.phone(),
                        request.templateName(), request.templateVariables(), request.language(), request.text(), request.messageType()))
                        .map(SendResource::answer));
    }

    @POST
    @Path("/{id}/retry")
    public Uni<Response> retry(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @PathParam("id") UUID id) {
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
            MessageType messageType) {

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
        @AssertTrue(message = "reply is for inbound messages only")
        public boolean isNotReply() {
            return messageType != MessageType.REPLY;
        }
    }
}
