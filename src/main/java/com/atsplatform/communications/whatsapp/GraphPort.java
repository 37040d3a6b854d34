package com.atsplatform.communications.whatsapp;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The three Graph API operations the service needs, answered either by Meta ({@code graph.GraphApi})
 * or, in mock mode, by {@link MockGraphApi}. Chosen once at start-up by {@code WHATSAPP_MOCK_MODE}.
 */
public interface GraphPort {

    Uni<SendOutcome> send(OutboundMessage message);

    /** Every template of the business account, all pages. */
    Uni<List<MessageTemplate>> templates();

    Uni<ConnectionStatus> connection();
}
