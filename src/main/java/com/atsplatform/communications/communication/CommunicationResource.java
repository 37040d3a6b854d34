package com.atsplatform.communications.communication;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.idempotency.IdempotentRequests;
import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.security.Roles;
import com.atsplatform.communications.whatsapp.ConnectionStatus;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.WhatsAppGateway;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/communications")
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@Tag(name = "Communications")
public class CommunicationResource {

    private final SendService sending;
    private final CommunicationService reading;
    private final WhatsAppGateway gateway;
    private final WhatsAppConfig config;
    private final IdempotentRequests idempotency;
    private final SecurityIdentity identity;

    CommunicationResource(SendService sending, CommunicationService reading, WhatsAppGateway gateway, WhatsAppConfig config,
            IdempotentRequests idempotency, SecurityIdentity identity) {
        this.sending = sending;
        this.reading = reading;
        this.gateway = gateway;
        this.config = config;
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
                () -> sending.send(new SendService.SendCommand(request.applicationId(), request.candidateId(), blankToNull(request.phone()),
                        blankToNull(request.templateName()), request.templateVariables(), blankToNull(request.language()),
                        blankToNull(request.text()), request.messageType()))
                        .map(CommunicationResource::answer));
    }

    @POST
    @Path("/{id}/retry")
    public Uni<Response> retry(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @PathParam("id") UUID id) {
        return idempotency.once(idempotencyKey, identity.getPrincipal().getName(), "POST /api/v1/communications/" + id + "/retry", null,
                () -> sending.retry(id).map(CommunicationResource::answer));
    }

    @GET
    public Uni<Page<CommunicationView>> list(@QueryParam("application_id") UUID applicationId,
            @QueryParam("candidate_id") UUID candidateId, @QueryParam("channel") Channel channel,
            @QueryParam("direction") Direction direction, @QueryParam("status") CommunicationStatus status,
            @QueryParam("message_type") MessageType messageType, @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        CommunicationRepository.Filter filter = new CommunicationRepository.Filter(applicationId, candidateId, channel, direction,
                status, messageType, instant("since", since), instant("until", until));
        return reading.list(filter, page, size).map(result -> result.map(CommunicationView::of));
    }

    @GET
    @Path("/{id}")
    public Uni<CommunicationView> get(@PathParam("id") UUID id) {
        return reading.get(id).map(CommunicationView::of);
    }

    @GET
    @Path("/candidate/{id}/summary")
    public Uni<CommunicationService.Summary> summary(@PathParam("id") UUID candidateId) {
        return reading.summary(candidateId);
    }

    @GET
    @Path("/whatsapp/status")
    @RolesAllowed(Roles.ADMIN)
    public Uni<WhatsAppStatus> whatsappStatus() {
        if (!config.enabled()) {
            return Uni.createFrom().item(new WhatsAppStatus(false, config.mockMode(), false, config.apiVersion(),
                    config.phoneNumberId().orElse(null), null, null, null, null));
        }
        return gateway.testConnection().map(connection -> WhatsAppStatus.of(config, connection));
    }

    @GET
    @Path("/whatsapp/templates")
    public Uni<List<TemplateView>> templates() {
        return gateway.listTemplates().map(templates -> templates.stream().filter(MessageTemplate::approved).map(TemplateView::of).toList());
    }

    private static Response answer(SendService.Sent sent) {
        Communication communication = sent.communication();
        if (sent.outcome() instanceof SendOutcome.Rejected rejected) {
            throw new SendProblems.MetaRefused(communication.communicationId, rejected.error());
        }
        CommunicationView view = CommunicationView.of(communication);
        if (sent.outcome() instanceof SendOutcome.Accepted) {
            return Response.created(URI.create("/api/v1/communications/" + communication.communicationId)).entity(view).build();
        }
        return Response.accepted(view).header("Location", "/api/v1/communications/" + communication.communicationId).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or date ({@code 2026-11-25}, midnight UTC). */
    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be an ISO-8601 instant or date");
        }
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

    @RegisterForReflection
    public record TemplateView(String name, String language, String category, String status, int parameterCount,
            String parameterFormat, List<String> quickReplyButtons) {

        static TemplateView of(MessageTemplate template) {
            return new TemplateView(template.name(), template.language(), template.category(), template.status(),
                    template.parameterCount(), template.parameterFormat(), template.quickReplyButtons());
        }
    }

    @RegisterForReflection
    public record WhatsAppStatus(boolean enabled, boolean mockMode, boolean connected, String apiVersion, String phoneNumberId,
            String displayPhoneNumber, String verifiedName, String qualityRating, MetaError error) {

        static WhatsAppStatus of(WhatsAppConfig config, ConnectionStatus connection) {
            return new WhatsAppStatus(config.enabled(), config.mockMode(), connection.connected(), config.apiVersion(),
                    config.phoneNumberId().orElse(null), connection.displayPhoneNumber(), connection.verifiedName(),
                    connection.qualityRating(), connection.error());
        }
    }
}
