package com.atsplatform.communications.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.InboundMedia;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.Periodic;
import com.atsplatform.communications.whatsapp.GraphPort;
import com.atsplatform.communications.whatsapp.MediaLocation;
import com.atsplatform.communications.whatsapp.MediaUnavailable;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Fetches the files candidates send: Meta's media URL ({@code GET /{media-id}}, valid for minutes),
 * then the bytes, streamed into {@link MediaStorage} while their size is counted against
 * {@code WHATSAPP_MEDIA_MAX_SIZE} and their SHA-256 computed. A file whose digest differs from
 * Meta's is {@code failed} and fetched again; Meta unreachable, or refusing (an expired token),
 * leaves it {@code pending} and it is tried again later (backoff doubling, as sends); a media id
 * Meta does not know (#100), or too many attempts, fail it for good. Runs when a webhook announces
 * a file, every {@code WHATSAPP_MEDIA_INTERVAL}, and on {@code POST /internal/media/download} (the
 * wake-up job); nothing is added to start-up.
 */
@ApplicationScoped
public class MediaDownloads {

    private static final Logger LOG = Logger.getLogger(MediaDownloads.class);
    private static final int BATCH = 16;
    /** Files fetched at once by one instance; each holds one piece of {@link PostgresMediaStorage#CHUNK_SIZE} at a time. */
    private static final int CONCURRENCY = 2;
    private static final int MAX_DOUBLINGS = 30;
    /** Meta's code for a media id it does not have. */
    private static final int UNKNOWN_MEDIA = 100;

    private final MediaDownloadStore downloads;
    private final CommunicationStore communications;
    private final MediaStorage storage;
    private final GraphPort graph;
    private final WhatsAppConfig config;
    private final Pool pool;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    MediaDownloads(MediaDownloadStore downloads, CommunicationStore communications, MediaStorage storage, GraphPort graph,
            WhatsAppConfig config, Pool pool, MeterRegistry registry) {
        this.downloads = downloads;
        this.communications = communications;
        this.storage = storage;
        this.graph = graph;
        this.config = config;
        this.pool = pool;
        this.registry = registry;
    }

    /** A file may be due: fetch what is due now, in the background; a round already running goes round again. */
    public void wake() {
        again.set(true);
        if (config.enabled() && running.compareAndSet(false, true)) {
            round();
        }
    }

    private void round() {
        again.set(false);
        downloadDue().subscribe().with(fetched -> endRound(), failure -> {
            LOG.warnf("Media download round failed (%s); it runs again at the next tick", failure.getClass().getSimpleName());
            endRound();
        });
    }

    private void endRound() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            round();
        }
    }

    /** A round every {@code whatsapp.media.interval}, the first one interval after start-up (a webhook wakes one sooner). */
    static void schedule(@Observes StartupEvent start, Periodic periodic, WhatsAppConfig config, MediaDownloads downloads) {
        periodic.every("Media download round", config.media().interval(), config.media().interval(), () -> {
            downloads.wake();
            return Uni.createFrom().voidItem();
        });
    }

    /** Claims and fetches due files until none are left; returns how many were tried. */
    public Uni<Integer> downloadDue() {
        return Multi.createBy().repeating().uni(() -> downloads.claimDue(BATCH, config.media().lease()))
                .whilst(claimed -> claimed.size() == BATCH)
                .onItem().<MediaDownloadStore.Claimed>disjoint()
                .onItem().transformToUni(this::download)
                .merge(CONCURRENCY)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    private Uni<String> download(MediaDownloadStore.Claimed claim) {
        long max = config.media().maxSize();
        return graph.media(claim.mediaId())
                .flatMap(location -> {
                    if (location.fileSize() != null && location.fileSize() > max) {
                        return tooLarge(claim, location.fileSize());
                    }
                    Digest digest = new Digest(max);
                    Multi<Buffer> content = graph.mediaContent(location).onFailure().transform(ContentFailed::new).invoke(digest::add);
                    return storage.write(claim.communicationId(), content).flatMap(written -> checked(claim, location, digest));
                })
                .onFailure().recoverWithUni(failure -> failed(claim, failure))
                .invoke(outcome -> registry.counter("media.downloads", "outcome", outcome).increment());
    }

    private Uni<String> checked(MediaDownloadStore.Claimed claim, MediaLocation location, Digest digest) {
        byte[] actual = digest.value();
        List<String> expected = Stream.of(claim.media() == null ? null : claim.media().sha256(), location.sha256())
                .filter(value -> value != null && !value.isBlank()).toList();
        if (expected.stream().allMatch(value -> sameDigest(value, actual))) {
            return pool.withTransaction(tx -> downloads.settle(tx, claim.communicationId(), null)
                    .flatMap(ignored -> communications.mediaSettled(tx, claim.communicationId(), InboundMedia.STORED, digest.size())))
                    .replaceWith(InboundMedia.STORED);
        }
        LOG.warnf("Media of %s does not match Meta's SHA-256 (attempt %d); discarded", claim.communicationId(), claim.attempts());
        return storage.delete(claim.communicationId())
                .flatMap(ignored -> tryAgainOrGiveUp(claim, "SHA-256 of the " + digest.size() + " bytes received differs from Meta's", true));
    }

    private Uni<String> tooLarge(MediaDownloadStore.Claimed claim, Long size) {
        LOG.infof("Media of %s is larger than WHATSAPP_MEDIA_MAX_SIZE (%d bytes); metadata kept, bytes not stored",
                claim.communicationId(), config.media().maxSize());
        return pool.withTransaction(tx -> downloads.settle(tx, claim.communicationId(), "larger than " + config.media().maxSize() + " bytes")
                .flatMap(ignored -> communications.mediaSettled(tx, claim.communicationId(), InboundMedia.TOO_LARGE, size)))
                .replaceWith(InboundMedia.TOO_LARGE);
    }

    private Uni<String> failed(MediaDownloadStore.Claimed claim, Throwable failure) {
        if (failure instanceof TooLarge) {
            return storage.delete(claim.communicationId()).flatMap(ignored -> tooLarge(claim, null));
        }
        Uni<Void> discard = storage.delete(claim.communicationId()).onFailure().recoverWithNull();
        if (failure instanceof MediaUnavailable unavailable && unknownMedia(unavailable)) {
            // Meta does not know the media id (or no longer: it keeps files 30 days): asking again cannot help.
            return discard.flatMap(ignored -> giveUp(claim, unavailable.error().summary()));
        }
        String reason = failure instanceof ContentFailed content ? "download: " + describe(content.getCause()) : describe(failure);
        LOG.warnf("Media of %s not fetched (attempt %d): %s", claim.communicationId(), claim.attempts(), reason);
        return discard.flatMap(ignored -> tryAgainOrGiveUp(claim, reason, false));
    }

    private Uni<String> tryAgainOrGiveUp(MediaDownloadStore.Claimed claim, String reason, boolean markFailed) {
        if (claim.attempts() >= config.media().maxAttempts()) {
            return giveUp(claim, reason);
        }
        Duration delay = delayAfter(claim.attempts());
        return pool.withTransaction(tx -> downloads.putOff(tx, claim.communicationId(), delay, reason)
                .flatMap(ignored -> markFailed ? communications.mediaSettled(tx, claim.communicationId(), InboundMedia.FAILED, null)
                        : Uni.createFrom().voidItem()))
                .replaceWith("retry");
    }

    private Uni<String> giveUp(MediaDownloadStore.Claimed claim, String reason) {
        LOG.warnf("Media of %s failed for good after %d attempt(s): %s", claim.communicationId(), claim.attempts(), reason);
        return pool.withTransaction(tx -> downloads.settle(tx, claim.communicationId(), reason)
                .flatMap(ignored -> communications.mediaSettled(tx, claim.communicationId(), InboundMedia.FAILED, null)))
                .replaceWith(InboundMedia.FAILED);
    }

    /** {@code backoff} after the first attempt, doubling after each further one, at most {@code maxBackoff}. */
    Duration delayAfter(int attempts) {
        Duration delay = config.media().backoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS));
        return delay.compareTo(config.media().maxBackoff()) > 0 ? config.media().maxBackoff() : delay;
    }

    /**
     * Meta's #100 for {@code GET /{media-id}}: no such media. Every other refusal is tried again
     * (an expired token, #190, is replaced by the operators; the file is still there).
     */
    private static boolean unknownMedia(MediaUnavailable unavailable) {
        return unavailable.error().code() != null && unavailable.error().code() == UNKNOWN_MEDIA;
    }

    private static String describe(Throwable failure) {
        return failure instanceof MediaUnavailable unavailable ? unavailable.error().summary() : failure.getClass().getSimpleName();
    }

    /** Meta gives SHA-256 as base64 in webhooks and as hex in media URLs' answers; both are read. */
    static boolean sameDigest(String expected, byte[] actual) {
        String value = expected.trim();
        if (value.matches("[0-9a-fA-F]{64}")) {
            return HexFormat.of().formatHex(actual).equalsIgnoreCase(value);
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(value), actual);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The size and SHA-256 of the bytes as they pass; more than the limit fails the stream. */
    private static final class Digest {

        private final MessageDigest sha256;
        private final long max;
        private long size;

        Digest(long max) {
            this.max = max;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(Buffer buffer) {
            size += buffer.length();
            if (size > max) {
                throw new TooLarge();
            }
            sha256.update(buffer.getBytes());
        }

        long size() {
            return size;
        }

        byte[] value() {
            return sha256.digest();
        }
    }

    /** More bytes came than the limit (Meta announced no size, or a smaller one). */
    private static final class TooLarge extends RuntimeException {

        TooLarge() {
            super("media larger than the limit", null, false, false);
        }
    }

    /** A failure while the bytes were coming: a new media URL next time may well work. */
    private static final class ContentFailed extends RuntimeException {

        ContentFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
