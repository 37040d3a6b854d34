package com.atsplatform.communications.event;

import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.atsplatform.communications.api.OpenApiResource;
import com.atsplatform.communications.api.QueryParameter;
import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.security.Roles;

import io.smallrye.mutiny.Multi;

/**
 * {@code GET /api/v1/events}: Server-Sent Events of every change to communications and applications,
 * from every replica. Each event has its {@code id}, a {@code event} name (the kind) and JSON
 * {@code data}; with {@code Last-Event-ID} the events after it are sent first (from the last 24
 * hours), then the live ones. A comment every 20 seconds keeps proxies from closing an idle stream.
 */
@Path("/api/v1/events")
@SecurityRequirement(name = OpenApiResource.BEARER)
@RolesAllowed({ Roles.RECRUITER, Roles.ADMIN })
@APIResponse(responseCode = "401", description = "unauthenticated: no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: the token's roles do not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Events")
public class EventsResource {

    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final EventStream stream;

    EventsResource(EventStream stream) {
        this.stream = stream;
    }

    @APIResponse(responseCode = "200", description = "the event stream (text/event-stream)")
    @APIResponse(responseCode = "400", description = "validation: a filter or Last-Event-ID that is not an id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("candidate_id") @Parameter(schema = @Schema(implementation = UUID.class)) String candidateId,
            @QueryParam("application_id") @Parameter(schema = @Schema(implementation = UUID.class)) String applicationId,
            @QueryParam("campaign_id") @Parameter(schema = @Schema(implementation = UUID.class)) String campaignId) {
        Event.Filters filters = new Event.Filters(QueryParameter.uuid("candidate_id", candidateId),
                QueryParameter.uuid("application_id", applicationId), QueryParameter.uuid("campaign_id", campaignId));
        Long resumeAfter = lastEventId(lastEventId);
        // Live events are buffered from now on, so none is lost while the missed ones are read.
        Multi<Event> live = stream.live(filters);
        Multi<Event> events;
        if (resumeAfter == null) {
            events = live;
        } else {
            long[] cutoff = { resumeAfter };
            Multi<Event> missed = stream.after(resumeAfter, filters).onItem().transformToMulti(list -> {
                list.forEach(event -> cutoff[0] = Math.max(cutoff[0], event.id()));
                return Multi.createFrom().iterable(list);
            });
            events = Multi.createBy().concatenating().streams(missed, live.select().where(event -> event.id() > cutoff[0]));
        }
        // data is the JSON text the database wrote, sent as it is (no content-type field, no per-client serialising).
        Multi<OutboundSseEvent> data = events.map(event -> sse.newEventBuilder().id(Long.toString(event.id())).name(event.kind())
                .data(event.data()).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(data, heartbeats);
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("Last-Event-ID", "must be the id of an event");
        }
    }
}
