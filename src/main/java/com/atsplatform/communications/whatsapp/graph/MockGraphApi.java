package com.atsplatform.communications.whatsapp.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;

import com.atsplatform.communications.whatsapp.ConnectionStatus;
import com.atsplatform.communications.whatsapp.GraphPort;
import com.atsplatform.communications.whatsapp.MediaLocation;
import com.atsplatform.communications.whatsapp.MediaUnavailable;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.MockMedia;
import com.atsplatform.communications.whatsapp.MockMessageAccepted;
import com.atsplatform.communications.whatsapp.OutboundMessage;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Mock mode's Graph API: nothing leaves the process. It answers as Meta does: {@code wamid.} ids,
 * the templates of {@code whatsapp/mock-templates.json} (in the Graph API's own JSON), and Meta's
 * error codes for an unknown or unapproved template, a wrong parameter count or an empty text.
 */
@ApplicationScoped
@Typed(MockGraphApi.class)
public class MockGraphApi implements GraphPort {

    private static final String TEMPLATES = "whatsapp/mock-templates.json";
    private static final int MAX_TEXT_LENGTH = 4096;
    private static final String MOCK_MEDIA_URL = "mock-media:";
    private static final int MOCK_CHUNK = 512;

    private final SecureRandom random = new SecureRandom();
    private final List<MessageTemplate> templates;
    private final Event<MockMessageAccepted> accepted;

    MockGraphApi(ObjectMapper mapper, Event<MockMessageAccepted> accepted) {
        this.accepted = accepted;
        try (InputStream in = MockGraphApi.class.getClassLoader().getResourceAsStream(TEMPLATES)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + TEMPLATES);
            }
            templates = mapper.readValue(in, GraphPayloads.TemplatePage.class).data().stream().map(Templates::from).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Duration longestSend() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Uni<SendOutcome> send(OutboundMessage message) {
        return Uni.createFrom().item(() -> message.template() == null ? sendText(message.text()) : sendTemplate(message.template()))
                .invoke(outcome -> {
                    if (outcome instanceof SendOutcome.Accepted ok) {
                        accepted.fire(new MockMessageAccepted(ok.whatsappMessageId(), message.communicationId(), message.to()));
                    }
                });
    }

    @Override
    public Uni<List<MessageTemplate>> templates() {
        return Uni.createFrom().item(templates);
    }

    @Override
    public Uni<ConnectionStatus> connection() {
        return Uni.createFrom().item(new ConnectionStatus(true, "+1 555-000-1111", "ATS Platform (mock)", "GREEN", null));
    }

    /** The bundled files of {@link MockMedia}; any other id is unknown, as Meta answers it. */
    @Override
    public Uni<MediaLocation> media(String mediaId) {
        return Uni.createFrom().item(() -> MockMedia.byMediaId(mediaId)
                .map(media -> new MediaLocation(MOCK_MEDIA_URL + media.mediaId(), media.mimeType(), media.sha256(), (long) media.bytes().length))
                .orElseThrow(() -> new MediaUnavailable(new MetaError(100, "Unsupported get request", "media " + mediaId + " does not exist",
                        "mock", 400))));
    }

    @Override
    public Multi<Buffer> mediaContent(MediaLocation location) {
        return Multi.createFrom().deferred(() -> {
            Optional<MockMedia> media = location.url().startsWith(MOCK_MEDIA_URL)
                    ? MockMedia.byMediaId(location.url().substring(MOCK_MEDIA_URL.length()))
                    : Optional.empty();
            if (media.isEmpty()) {
                return Multi.createFrom().failure(new MediaUnavailable(new MetaError(null, "Media download answered HTTP 404", null, null, 404)));
            }
            byte[] bytes = media.get().bytes();
            return Multi.createFrom().range(0, (bytes.length + MOCK_CHUNK - 1) / MOCK_CHUNK)
                    .map(i -> Buffer.buffer(Arrays.copyOfRange(bytes, i * MOCK_CHUNK, Math.min(bytes.length, (i + 1) * MOCK_CHUNK))));
        });
    }

    private SendOutcome sendTemplate(OutboundMessage.Template requested) {
        Optional<MessageTemplate> found = templates.stream()
                .filter(t -> t.name().equals(requested.name()) && t.language().equals(requested.language())).findFirst();
        if (found.isEmpty() || !found.get().approved()) {
            return rejected(MetaError.TEMPLATE_DOES_NOT_EXIST, 404, "Template name does not exist in the translation",
                    "template name (" + requested.name() + ") does not exist in " + requested.language());
        }
        int expected = found.get().parameterCount();
        if (requested.bodyParameters().size() != expected) {
            return rejected(MetaError.PARAMETER_COUNT_MISMATCH, 400, "Number of parameters does not match the expected number of params",
                    "body: number of localizable_params (" + requested.bodyParameters().size()
                            + ") does not match the expected number of params (" + expected + ")");
        }
        return accepted();
    }

    private SendOutcome sendText(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
            return rejected(100, 400, "Invalid parameter", "text.body must be 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        return accepted();
    }

    private SendOutcome accepted() {
        byte[] id = new byte[30];
        random.nextBytes(id);
        return new SendOutcome.Accepted("wamid." + Base64.getEncoder().encodeToString(id));
    }

    private static SendOutcome rejected(int code, int httpStatus, String message, String details) {
        return new SendOutcome.Rejected(new MetaError(code, message, details, "mock", httpStatus));
    }
}
