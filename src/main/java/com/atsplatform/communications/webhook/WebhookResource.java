package com.atsplatform.communications.webhook;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.atsplatform.communications.security.SharedSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Meta's way in: the subscription check, the signed event deliveries, and a readiness probe. */
@Path("/webhook/whatsapp")
@PermitAll
@Tag(name = "Meta webhook")
public class WebhookResource {

    private final WhatsAppConfig config;
    private final SignatureVerifier signatures;
    private final WebhookParser parser;
    private final WebhookProcessor processor;
    private final ObjectMapper mapper;
    private final Pool pool;

    WebhookResource(WhatsAppConfig config, SignatureVerifier signatures, WebhookParser parser, WebhookProcessor processor,
            ObjectMapper mapper, Pool pool) {
        this.config = config;
        this.signatures = signatures;
        this.parser = parser;
        this.processor = processor;
        this.mapper = mapper;
        this.pool = pool;
    }

    /** Meta's subscription check: echo the challenge when the verify token matches. */
    @APIResponse(responseCode = "200", description = "the challenge, as plain text")
    @APIResponse(responseCode = "403", description = "forbidden: wrong hub.mode or hub.verify_token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean matches = SharedSecrets.matches(config.webhookVerifyToken().orElse(""), token);
        if (!"subscribe".equals(mode) || !matches || challenge == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Webhook verification failed: wrong mode or verify token");
        }
        return challenge;
    }

    /** Statuses, messages and preferences; 200 once they are committed. */
    @APIResponse(responseCode = "200", description = "the delivery is committed: counts of applied, duplicate, unmatched and invalid events")
    @APIResponse(responseCode = "400", description = "malformed-request: not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "invalid-signature: X-Hub-Signature-256 missing or wrong", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "payload-too-large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> receive(byte[] body, @HeaderParam("X-Hub-Signature-256") String signature) {
        if (body != null && body.length > config.webhook().maxBodySize().asLongValue()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "Webhook bodies are limited to " + config.webhook().maxBodySize().asLongValue() + " bytes");
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (!signatures.verify(bytes, signature)) {
            throw new ProblemException(ProblemType.INVALID_SIGNATURE,
                    "X-Hub-Signature-256 must be sha256=<hex HMAC-SHA256 of the raw body with the app secret>");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The webhook body is not valid JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The webhook body must be a JSON object");
        }
        return processor.process(parser.parse(payload)).map(report -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", "ok");
            for (WebhookProcessor.Outcome outcome : WebhookProcessor.Outcome.values()) {
                answer.put(WireName.of(outcome), report.count(outcome));
            }
            return answer;
        });
    }

    /** Ready when signatures can be checked, the verify token is set and the database answers. */
    @APIResponse(responseCode = "200", description = "ready for Meta's deliveries")
    @APIResponse(responseCode = "503", description = "not ready: secret, verify token or database missing")
    @GET
    @Path("/health")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health() {
        boolean secret = signatures.configured();
        boolean verifyToken = config.webhookVerifyToken().filter(t -> !t.isBlank()).isPresent();
        return pool.query("select 1").execute().map(rows -> true).onFailure().recoverWithItem(false).map(database -> {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean up = secret && verifyToken && database;
            body.put("status", up ? "UP" : "DOWN");
            body.put("app_secret_configured", secret);
            body.put("verify_token_configured", verifyToken);
            body.put("database", database ? "UP" : "DOWN");
            body.put("mock_mode", config.mockMode());
            return Response.status(up ? 200 : 503).entity(body).build();
        });
    }
}
