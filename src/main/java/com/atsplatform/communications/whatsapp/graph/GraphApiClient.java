package com.atsplatform.communications.whatsapp.graph;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.ErrorBody;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.ErrorEnvelope;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The Graph API over HTTP. Used only through {@link GraphApi}, which adds timeouts, retries and a breaker. */
@RegisterRestClient(configKey = "whatsapp-graph")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface GraphApiClient {

    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    Uni<GraphPayloads.MessageResponse> sendMessage(@PathParam("version") String version,
            @PathParam("phoneNumberId") String phoneNumberId, @HeaderParam("Authorization") String authorization,
            GraphPayloads.MessageRequest message);

    @GET
    @Path("/{version}/{wabaId}/message_templates")
    Uni<GraphPayloads.TemplatePage> templates(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
            @HeaderParam("Authorization") String authorization, @QueryParam("fields") String fields,
            @QueryParam("limit") int limit, @QueryParam("after") String after);

    @GET
    @Path("/{version}/{phoneNumberId}")
    Uni<GraphPayloads.PhoneNumber> phoneNumber(@PathParam("version") String version,
            @PathParam("phoneNumberId") String phoneNumberId, @HeaderParam("Authorization") String authorization,
            @QueryParam("fields") String fields);

    @GET
    @Path("/{version}/{mediaId}")
    Uni<GraphPayloads.MediaInfo> media(@PathParam("version") String version, @PathParam("mediaId") String mediaId,
            @HeaderParam("Authorization") String authorization);

    /** Meta's error body, whatever the status, becomes a typed error. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        ErrorBody body = null;
        try {
            if (response.hasEntity()) {
                ErrorEnvelope envelope = response.readEntity(ErrorEnvelope.class);
                body = envelope == null ? null : envelope.error();
            }
        } catch (RuntimeException unreadable) {
            // Not Meta's JSON (a proxy's HTML page, say): the HTTP status alone has to do.
        }
        int status = response.getStatus();
        if (body == null) {
            return new GraphApiException(new MetaError(null, "HTTP " + status, null, null, status));
        }
        Object details = body.errorData() == null ? null : body.errorData().get("details");
        return new GraphApiException(new MetaError(body.code(), body.message(), details == null ? null : details.toString(),
                body.fbtraceId(), status));
    }
}
