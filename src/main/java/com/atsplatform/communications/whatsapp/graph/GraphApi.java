package com.atsplatform.communications.whatsapp.graph;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.whatsapp.ConnectionStatus;
import com.atsplatform.communications.whatsapp.GraphPort;
import com.atsplatform.communications.whatsapp.MediaLocation;
import com.atsplatform.communications.whatsapp.MediaUnavailable;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.MetaError;
import com.atsplatform.communications.whatsapp.OutboundMessage;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.Component;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.Language;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.MessageRequest;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.Parameter;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.TemplateBody;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.TemplatePage;
import com.atsplatform.communications.whatsapp.graph.GraphPayloads.TextBody;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * The Graph API with fault tolerance (live mode). Meta's final refusals are values inside the
 * breaker ({@link SendOutcome.Rejected}) and never trip it; throttling, Meta's 5xx and refused
 * connections are retried with exponential backoff and jitter, then answered
 * {@link SendOutcome.Deferred} by the fallback, so the caller keeps the message pending. A timeout
 * is not retried: the request may have reached Meta (see docs/whatsapp-gateway.md).
 */
@ApplicationScoped
@Typed(GraphApi.class)
public class GraphApi implements GraphPort {

    /** The name of {@link #send}'s circuit breaker (for operators' metrics and the tests). */
    public static final String SEND_BREAKER = "graph-send";
    private static final Logger LOG = Logger.getLogger(GraphApi.class);
    private static final String TEMPLATE_FIELDS = "name,language,status,category,components,parameter_format";
    private static final String PHONE_FIELDS = "display_phone_number,verified_name,quality_rating";
    private static final int TEMPLATE_PAGE_SIZE = 100;
    /** A guard against a paging loop; 50 pages of 100 is far more templates than Meta allows an account. */
    private static final int MAX_TEMPLATE_PAGES = 50;

    /**
     * {@link #send}'s bound: retries start only within {@code Retry.maxDuration} (30 s) and the last
     * one runs at most its {@code Timeout} (10 s); 5 s more for the connection and the fallback.
     */
    private static final Duration LONGEST_SEND = Duration.ofSeconds(30 + 10 + 5);

    /** A media download that receives nothing for this long is given up (and tried again later). */
    private static final int MEDIA_IDLE_TIMEOUT_SECONDS = 30;

    private final GraphApiClient client;
    private final WhatsAppConfig config;
    private final Vertx vertx;
    /** The media downloads' own client: their URLs are absolute and on Meta's CDN, not the Graph API's host. */
    private final HttpClient downloads;

    GraphApi(@RestClient GraphApiClient client, WhatsAppConfig config, Vertx vertx) {
        this.client = client;
        this.config = config;
        this.vertx = vertx;
        this.downloads = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setMaxPoolSize(8));
    }

    @Override
    public Duration longestSend() {
        return LONGEST_SEND;
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(retryOn = GraphUnavailable.class, maxRetries = 3, delay = 500, jitter = 250, maxDuration = 30_000)
    @ExponentialBackoff(factor = 2, maxDelay = 4_000)
    @CircuitBreaker(failOn = { GraphUnavailable.class, TimeoutException.class }, requestVolumeThreshold = 10,
            failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, successThreshold = 2)
    @CircuitBreakerName(GraphApi.SEND_BREAKER)
    @Fallback(DeferOnFailure.class)
    public Uni<SendOutcome> send(OutboundMessage message) {
        return client.sendMessage(config.apiVersion(), phoneNumberId(), bearer(), request(message))
                .map(response -> {
                    if (response.messages() == null || response.messages().isEmpty() || response.messages().get(0).id() == null) {
                        // Accepted without an id: never report it sent; let a status webhook or the outbox settle it.
                        return (SendOutcome) new SendOutcome.Deferred(new MetaError(null, "Graph API answered without a message id",
                                null, null, 200), true);
                    }
                    return new SendOutcome.Accepted(response.messages().get(0).id());
                })
                .onFailure(GraphApiException.class).recoverWithUni(failure -> {
                    MetaError error = ((GraphApiException) failure).error();
                    return error.retryable() ? Uni.createFrom().failure(new GraphUnavailable(error))
                            : Uni.createFrom().item(new SendOutcome.Rejected(error));
                })
                .onFailure(GraphApi::connectionRefused).transform(failure -> new GraphUnavailable(MetaError.unreachable(
                        failure.getClass().getSimpleName())));
    }

    @Override
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Uni<List<MessageTemplate>> templates() {
        String wabaId = config.businessAccountId()
                .orElseThrow(() -> new IllegalStateException("WHATSAPP_BUSINESS_ACCOUNT_ID is needed to list templates"));
        return page(wabaId, null, new ArrayList<>(), 1);
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<ConnectionStatus> connection() {
        return client.phoneNumber(config.apiVersion(), phoneNumberId(), bearer(), PHONE_FIELDS)
                .map(phone -> new ConnectionStatus(true, phone.displayPhoneNumber(), phone.verifiedName(), phone.qualityRating(), null))
                .onFailure(GraphApiException.class).recoverWithItem(failure -> ConnectionStatus.failed(((GraphApiException) failure).error()))
                .onFailure().recoverWithItem(failure -> ConnectionStatus.failed(MetaError.unreachable(failure.getClass().getSimpleName())));
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<MediaLocation> media(String mediaId) {
        return client.media(config.apiVersion(), mediaId, bearer())
                .map(info -> {
                    if (info.url() == null || info.url().isBlank()) {
                        throw new MediaUnavailable(new MetaError(null, "Graph API answered without a media URL", null, null, 200));
                    }
                    return new MediaLocation(info.url(), info.mimeType(), info.sha256(), fileSize(info.fileSize()));
                })
                .onFailure(GraphApiException.class).transform(failure -> new MediaUnavailable(((GraphApiException) failure).error()))
                .onFailure(failure -> !(failure instanceof MediaUnavailable))
                .transform(failure -> new MediaUnavailable(MetaError.unreachable(failure.getClass().getSimpleName())));
    }

    /**
     * Streams the file with back-pressure (the connection is read only as fast as the subscriber
     * takes the bytes). The token goes only to HTTPS addresses and to the configured Graph host.
     */
    @Override
    public Multi<Buffer> mediaContent(MediaLocation location) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(location.url())
                .setIdleTimeout(MEDIA_IDLE_TIMEOUT_SECONDS * 1000L);
        if (mayCarryToken(location.url())) {
            options.putHeader("Authorization", bearer());
        }
        return downloads.request(options)
                .flatMap(HttpClientRequest::send)
                .onItem().transformToMulti(response -> response.statusCode() == 200
                        // A subscriber that stops early (the file is over the limit) resets the stream rather than leave it
                        // paused; later, on the context, or the reset's own failure would reach the subscriber before its own.
                        ? response.toMulti().onCancellation().invoke(() -> vertx.runOnContext(() -> response.request().reset()))
                        : response.body().onItem().<Buffer>transformToMulti(ignored -> Multi.createFrom().failure(new MediaUnavailable(
                                new MetaError(null, "Media download answered HTTP " + response.statusCode(), null, null, response.statusCode())))))
                .onFailure(failure -> !(failure instanceof MediaUnavailable))
                .transform(failure -> new MediaUnavailable(MetaError.unreachable(failure.getClass().getSimpleName())));
    }

    private boolean mayCarryToken(String url) {
        URI target = URI.create(url);
        return "https".equalsIgnoreCase(target.getScheme())
                || (target.getHost() != null && target.getHost().equalsIgnoreCase(URI.create(config.graphUrl()).getHost()));
    }

    private static Long fileSize(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private Uni<List<MessageTemplate>> page(String wabaId, String after, List<MessageTemplate> collected, int pageNumber) {
        return client.templates(config.apiVersion(), wabaId, bearer(), TEMPLATE_FIELDS, TEMPLATE_PAGE_SIZE, after)
                .flatMap(page -> {
                    if (page.data() != null) {
                        page.data().forEach(template -> collected.add(Templates.from(template)));
                    }
                    String next = nextCursor(page);
                    if (next == null || pageNumber >= MAX_TEMPLATE_PAGES) {
                        return Uni.createFrom().item(List.copyOf(collected));
                    }
                    return page(wabaId, next, collected, pageNumber + 1);
                });
    }

    /** Meta gives {@code paging.next} only while more pages exist; its cursor is {@code paging.cursors.after}. */
    private static String nextCursor(TemplatePage page) {
        if (page.paging() == null || page.paging().next() == null || page.paging().cursors() == null) {
            return null;
        }
        return page.paging().cursors().after();
    }

    static MessageRequest request(OutboundMessage message) {
        String callback = message.communicationId() == null ? null : message.communicationId().toString();
        if (message.template() == null) {
            return new MessageRequest("whatsapp", "individual", message.to(), "text", null,
                    new TextBody(false, message.text()), callback);
        }
        OutboundMessage.Template template = message.template();
        List<Component> components = new ArrayList<>();
        if (!template.bodyParameters().isEmpty()) {
            components.add(new Component("body", null, null,
                    template.bodyParameters().stream().map(value -> new Parameter("text", value, null)).toList()));
        }
        for (int i = 0; i < template.quickReplyPayloads().size(); i++) {
            components.add(new Component("button", "quick_reply", Integer.toString(i),
                    List.of(new Parameter("payload", null, template.quickReplyPayloads().get(i)))));
        }
        return new MessageRequest("whatsapp", "individual", message.to(), "template",
                new TemplateBody(template.name(), new Language(template.language()), components.isEmpty() ? null : components),
                null, callback);
    }

    /** Nothing reached Meta: safe to send again. */
    private static boolean connectionRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private String phoneNumberId() {
        return config.phoneNumberId().orElseThrow(() -> new IllegalStateException("WHATSAPP_PHONE_NUMBER_ID is not set"));
    }

    private String bearer() {
        return "Bearer " + config.accessToken().orElseThrow(() -> new IllegalStateException("WHATSAPP_ACCESS_TOKEN is not set"));
    }

    /** Live mode never pretends: whatever went wrong, the message stays pending with the last error. */
    static class DeferOnFailure implements FallbackHandler<Uni<SendOutcome>> {

        @Override
        public Uni<SendOutcome> handle(ExecutionContext context) {
            Throwable failure = context.getFailure();
            SendOutcome.Deferred deferred;
            if (failure instanceof GraphUnavailable unavailable) {
                deferred = new SendOutcome.Deferred(unavailable.error(), false);
            } else if (failure instanceof CircuitBreakerOpenException) {
                deferred = new SendOutcome.Deferred(MetaError.circuitOpen(), false);
            } else if (failure instanceof TimeoutException) {
                deferred = new SendOutcome.Deferred(MetaError.timedOut(), true);
            } else {
                // A failure after the request may have been written (connection reset, unreadable answer).
                deferred = new SendOutcome.Deferred(MetaError.unreachable(failure.getClass().getSimpleName()), true);
            }
            LOG.warnf("WhatsApp send deferred: %s", deferred.lastError().summary());
            return Uni.createFrom().item(deferred);
        }
    }
}
