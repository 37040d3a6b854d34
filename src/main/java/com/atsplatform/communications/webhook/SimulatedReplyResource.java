package com.atsplatform.communications.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.Validated;
import com.atsplatform.communications.communication.CommunicationNotFound;
import com.atsplatform.communications.communication.CommunicationRepository;
import com.atsplatform.communications.communication.CommunicationView;
import com.atsplatform.communications.communication.Direction;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.atsplatform.communications.security.Roles;
import com.atsplatform.communications.whatsapp.MockMedia;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Mock mode only: the candidate "answers" one of our messages. The answer is the webhook delivery
 * Meta would send (a text, a quick-reply button, or a CV or photo that mock mode's Graph API then
 * serves, quoting the message), signed with the app
 * secret and handed to {@link WebhookResource#receive}: signature check, parsing, classification,
 * the reply's effects, all as for Meta's. So the frontend can be built with no Meta account.
 */
@Path("/api/v1/communications")
@SecurityRequirement(name = OpenApiResource.BEARER)
@Validated
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Communications")
public class SimulatedReplyResource {

    private final WhatsAppConfig config;
    private final CommunicationRepository communications;
    private final SignatureVerifier signatures;
    private final WebhookResource webhook;
    private final ObjectMapper mapper;

    SimulatedReplyResource(WhatsAppConfig config, CommunicationRepository communications, SignatureVerifier signatures,
            WebhookResource webhook, ObjectMapper mapper) {
        this.config = config;
        this.communications = communications;
        this.signatures = signatures;
        this.webhook = webhook;
        this.mapper = mapper;
    }

    @APIResponse(responseCode = "200", description = "the candidate's reply as stored (interest, interest_reason)")
    @APIResponse(responseCode = "400", description = "validation: exactly one of text and button, or media", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no such outbound message, or not in mock mode", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "http: WHATSAPP_APP_SECRET is not set, so no webhook can be signed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{communication_id}/simulate-reply")
    public Uni<CommunicationView> simulateReply(@PathParam("communication_id") UUID id, @NotNull @Valid SimulatedReply reply) {
        if (!config.enabled() || !config.mockMode()) {
            // Live mode: the operation does not exist.
            throw new ProblemException(ProblemType.NOT_FOUND, "No resource at this path");
        }
        if (!signatures.configured()) {
            throw new ProblemException(ProblemType.HTTP, "Simulated replies are signed like Meta's: set WHATSAPP_APP_SECRET");
        }
        return communications.findById(id).flatMap(message -> {
            if (message == null || message.direction != Direction.OUTBOUND || message.recipientPhone == null) {
                throw new CommunicationNotFound(id);
            }
            String wamid = "wamid.SIMULATED" + UUID.randomUUID().toString().replace("-", "");
            byte[] body = delivery(message.recipientPhone.substring(1), message.whatsappMessageId, wamid, reply);
            return webhook.receive(body, signatures.header(body))
                    .flatMap(report -> communications.inboundByWamid(wamid))
                    .map(CommunicationView::of);
        });
    }

    /** Meta's delivery of one inbound message from {@code from} (digits), quoting {@code quoted} when it has one. */
    private byte[] delivery(String from, String quoted, String wamid, SimulatedReply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (quoted != null) {
            message.put("context", Map.of("from", "15550000000", "id", quoted));
        }
        message.put("from", from);
        message.put("id", wamid);
        message.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        if (reply.media() != null) {
            MockMedia file = reply.file();
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("id", file.mediaId());
            media.put("mime_type", file.mimeType());
            media.put("sha256", file.sha256());
            if (file.fileName() != null) {
                media.put("filename", file.fileName());
            }
            if (reply.text() != null && !reply.text().isBlank()) {
                media.put("caption", reply.text());
            }
            message.put("type", file.messageType());
            message.put(file.messageType(), media);
        } else if (reply.text() != null) {
            message.put("type", "text");
            message.put("text", Map.of("body", reply.text()));
        } else {
            message.put("type", "button");
            message.put("button", Map.of("payload", reply.button(), "text", reply.button()));
        }
        Map<String, Object> value = Map.of("messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", "15550000000", "phone_number_id", config.phoneNumberId().orElse("mock")),
                "contacts", List.of(Map.of("profile", Map.of("name", "Simulated"), "wa_id", from)),
                "messages", List.of(message));
        Map<String, Object> delivery = Map.of("object", "whatsapp_business_account",
                "entry", List.of(Map.of("id", config.businessAccountId().orElse("mock"),
                        "changes", List.of(Map.of("field", "messages", "value", value)))));
        try {
            return mapper.writeValueAsString(delivery).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the candidate answers: a text, the text of a quick-reply button, or one of mock mode's
     * files ({@code cv}: a PDF document, {@code document_photo}: an image) with {@code text} as its caption.
     */
    @RegisterForReflection
    public record SimulatedReply(@Size(max = 4096) String text, @Size(max = 256) String button,
            @Pattern(regexp = "cv|document_photo", message = "must be cv or document_photo") String media) {

        @JsonIgnore
        @AssertTrue(message = "give exactly one of text and button, or media (with text as its caption)")
        public boolean isTextOrButton() {
            boolean text = this.text != null && !this.text.isBlank();
            boolean button = this.button != null && !this.button.isBlank();
            return media != null ? !button : text != button;
        }

        MockMedia file() {
            return media.equals("cv") ? MockMedia.CV : MockMedia.DOCUMENT_PHOTO;
        }
    }
}
