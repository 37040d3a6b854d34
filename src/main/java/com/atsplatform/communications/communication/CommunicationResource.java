package com.atsplatform.communications.communication;

import java.util.List;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.api.QueryParameter;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.security.Roles;
import com.atsplatform.communications.whatsapp.ConnectionStatus;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.WhatsAppGateway;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/communications")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Communications")
public class CommunicationResource {

    private final CommunicationService reading;
    private final WhatsAppGateway gateway;
    private final WhatsAppConfig config;

    CommunicationResource(CommunicationService reading, WhatsAppGateway gateway, WhatsAppConfig config) {
        this.reading = reading;
        this.gateway = gateway;
        this.config = config;
    }

    @APIResponse(responseCode = "200", description = "a page of communications, newest first")
    @APIResponse(responseCode = "400", description = "validation: a field or parameter is missing or invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    public Uni<Page<CommunicationView>> list(
            @QueryParam("application_id") @Parameter(schema = @Schema(implementation = UUID.class)) String applicationId,
            @QueryParam("candidate_id") @Parameter(schema = @Schema(implementation = UUID.class)) String candidateId,
            @QueryParam("channel") @Parameter(schema = @Schema(implementation = Channel.class)) String channel,
            @QueryParam("direction") @Parameter(schema = @Schema(implementation = Direction.class)) String direction,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = CommunicationStatus.class)) String status,
            @QueryParam("message_type") @Parameter(schema = @Schema(implementation = MessageType.class)) String messageType,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        CommunicationRepository.Filters filters = new CommunicationRepository.Filters(
                QueryParameter.uuid("application_id", applicationId), QueryParameter.uuid("candidate_id", candidateId),
                QueryParameter.oneOf("channel", channel, Channel.class), QueryParameter.oneOf("direction", direction, Direction.class),
                QueryParameter.oneOf("status", status, CommunicationStatus.class),
                QueryParameter.oneOf("message_type", messageType, MessageType.class),
                QueryParameter.instant("since", since), QueryParameter.instant("until", until));
        return reading.list(filters, page, size).map(result -> result.map(CommunicationView::of));
    }

    @APIResponse(responseCode = "200", description = "the communication")
    @APIResponse(responseCode = "404", description = "not-found: no communication with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{communication_id}")
    public Uni<CommunicationView> get(@PathParam("communication_id") UUID id) {
        return reading.get(id).map(CommunicationView::of);
    }

    @APIResponse(responseCode = "200", description = "the candidate's summary")
    @APIResponse(responseCode = "404", description = "not-found: no candidate with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/candidate/{candidate_id}/summary")
    public Uni<CommunicationService.Summary> summary(@PathParam("candidate_id") UUID candidateId) {
        return reading.summary(candidateId);
    }

    @APIResponse(responseCode = "200", description = "the connection to WhatsApp (admin only)")
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

    @APIResponse(responseCode = "200", description = "the approved templates")
    @GET
    @Path("/whatsapp/templates")
    public Uni<List<TemplateView>> templates() {
        return gateway.listTemplates().map(templates -> templates.stream().filter(MessageTemplate::approved).map(TemplateView::of).toList());
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
