package com.atsplatform.communications.media;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.communication.Communication;
import com.atsplatform.communications.communication.CommunicationNotFound;
import com.atsplatform.communications.communication.CommunicationRepository;
import com.atsplatform.communications.communication.InboundMedia;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.atsplatform.communications.security.Roles;

import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The file a candidate sent, streamed from {@link MediaStorage}: on a worker thread, one piece
 * asked for at a time and written before the next, so the heap holds a piece or two whatever the
 * file's size and a slow client only slows its own download.
 */
@Path("/api/v1/communications/{communication_id}/media")
@SecurityRequirement(name = OpenApiResource.BEARER)
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Communications")
public class MediaResource {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final CommunicationRepository communications;
    private final MediaStorage storage;

    MediaResource(CommunicationRepository communications, MediaStorage storage) {
        this.communications = communications;
        this.storage = storage;
    }

    @Operation(summary = "The file a candidate sent", description = "Streamed with its Content-Type and file name; images, audio and "
            + "video inline, every other file as an attachment; a type WhatsApp does not carry as application/octet-stream")
    @APIResponse(responseCode = "200", description = "the bytes", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "not-found: no such communication, or it carries no file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "media-not-stored: the file is pending, too large or failed (media_status says which)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Blocking
    @Produces(MediaType.WILDCARD)
    public Response media(@PathParam("communication_id") UUID id) {
        Communication communication = communications.findById(id).await().atMost(READ_TIMEOUT);
        if (communication == null) {
            throw new CommunicationNotFound(id);
        }
        InboundMedia media = communication.media;
        if (media == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Communication " + id + " carries no file");
        }
        if (!InboundMedia.STORED.equals(media.mediaStatus())) {
            throw new ProblemException(ProblemType.MEDIA_NOT_STORED,
                    "The file of communication " + id + " is not stored: its media_status is " + media.mediaStatus());
        }
        StreamingOutput bytes = out -> {
            // One piece in flight: the next is read from the storage once this one is written.
            for (Buffer piece : storage.read(id).subscribe().asIterable(1, () -> new ArrayBlockingQueue<>(2))) {
                out.write(piece.getBytes());
            }
        };
        Response.ResponseBuilder response = Response.ok(bytes);
        ServedMedia.headers(id, media).forEach((name, values) -> values.forEach(value -> response.header(name, value)));
        return response.build();
    }
}
