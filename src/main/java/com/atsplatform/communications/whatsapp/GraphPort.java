package com.atsplatform.communications.whatsapp;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The Graph API operations the service needs, answered either by Meta ({@code graph.GraphApi})
 * or, in mock mode, by {@code graph.MockGraphApi}. Chosen once at start-up by {@code WHATSAPP_MOCK_MODE}.
 */
public interface GraphPort {

    Uni<SendOutcome> send(OutboundMessage message);

    /**
     * The longest a {@link #send} can take, retries included: the outbox holds a message at least
     * this long once it has started calling Meta, so no other replica can send it meanwhile.
     */
    Duration longestSend();

    /** Every template of the business account, all pages. */
    Uni<List<MessageTemplate>> templates();

    Uni<ConnectionStatus> connection();

    /**
     * Where a candidate's media file is ({@code GET /{media-id}}); fails with {@link MediaUnavailable}.
     */
    Uni<MediaLocation> media(String mediaId);

    /**
     * The bytes of a media file as they arrive, never all in memory: the stream asks for more only as
     * its subscriber takes them. Fails with {@link MediaUnavailable}.
     */
    Multi<Buffer> mediaContent(MediaLocation location);
}
