package com.atsplatform.communications.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * The WhatsApp Business Cloud API integration. Every key is also read from the environment
 * variable of the same name ({@code whatsapp.phone-number-id} from {@code WHATSAPP_PHONE_NUMBER_ID}).
 */
@ConfigMapping(prefix = "whatsapp")
public interface WhatsAppConfig {

    /** Integration on or off; when off, sends are refused with a 503 problem. */
    @WithDefault("true")
    boolean enabled();

    /**
     * {@code true}: nothing goes to Meta and a mock gateway answers like the Graph API. Defaults to
     * {@code true} in the dev and test profiles and {@code false} in prod.
     */
    @WithDefault("false")
    boolean mockMode();

    /** Graph API version, e.g. {@code v21.0}. */
    @WithDefault("v21.0")
    String apiVersion();

    /** Graph API base URL. */
    @WithDefault("https://graph.facebook.com")
    String graphUrl();

    /** WhatsApp Business Account id, used to list message templates. */
    Optional<String> businessAccountId();

    /** Id of the sender phone number. Required in live mode. */
    Optional<String> phoneNumberId();

    /** System-user access token for the Graph API. Required in live mode. */
    Optional<String> accessToken();

    /** Token Meta echoes on the webhook subscription check. */
    Optional<String> webhookVerifyToken();

    /** App secret that signs Meta's webhook payloads ({@code X-Hub-Signature-256}). Required in live mode. */
    Optional<String> appSecret();

    /** ISO 3166 region for phone numbers written without a leading {@code +}. */
    @WithDefault("CO")
    String defaultRegion();

    /** The outbox that sends pending messages again. */
    Outbox outbox();

    /** Mock mode's behaviour. */
    Mock mock();

    /** Meta's webhook. */
    Webhook webhook();

    /** The cache of the business account's message templates. */
    Templates templates();

    /** Files candidates send (documents, images, audio, video, stickers). */
    Media media();

    /** Sender pacing: messages per second to the Graph API (Meta's default per number is 80). */
    @WithDefault("80")
    int maxMessagesPerSecond();

    /**
     * Campaign messages and reminders per second, within {@link #maxMessagesPerSecond()}: the rest
     * of the rate is left to single sends, so they keep their latency while a campaign drains.
     * Capped at the maximum rate.
     */
    @WithDefault("60")
    int campaignMessagesPerSecond();

    /** True when messages really go to Meta. */
    default boolean live() {
        return enabled() && !mockMode();
    }

    interface Mock {

        /**
         * In mock mode, sent messages get {@code sent}, {@code delivered} and {@code read} statuses
         * after these delays, applied through the webhook's own code path.
         */
        @WithDefault("true")
        boolean simulateStatuses();

        /** Delay before the simulated {@code sent} status. */
        @WithDefault("1s")
        Duration sentAfter();

        /** Delay before the simulated {@code delivered} status. */
        @WithDefault("3s")
        Duration deliveredAfter();

        /** Delay before the simulated {@code read} status. */
        @WithDefault("10s")
        Duration readAfter();
    }

    interface Webhook {

        /** Largest webhook body accepted; larger ones are answered 413. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /**
         * Most statuses written in one statement: statuses that arrive while earlier ones are being
         * written are gathered and committed together (group commit).
         */
        @WithDefault("500")
        int statusBatchSize();

        /**
         * Status batches written at the same time, each on its own connection. One is fastest on one
         * database nearby (batches grow while one commits; see docs/webhook.md); more may help when
         * the database is far away.
         */
        @WithDefault("1")
        int statusWriters();
    }

    interface Media {

        /**
         * Largest file stored; a larger one keeps its metadata and gets {@code media_status: too_large}.
         * Written as bytes or with a unit: {@code 25MB}, {@code 25M}, {@code 512KB}, {@code 26214400}.
         */
        @WithDefault("25MB")
        @WithConverter(ByteSizeConverter.class)
        long maxSize();

        /** How often downloads that are due (new, or waiting to be tried again) are looked for. */
        @WithDefault("10s")
        Duration interval();

        /** Delay before the first retry of a download; it doubles after each further failure, up to {@link #maxBackoff()}. */
        @WithDefault("30s")
        Duration backoff();

        /** The longest delay between two attempts of a download. */
        @WithDefault("30m")
        Duration maxBackoff();

        /** Attempts before a download is {@code failed} for good (Meta keeps a file 30 days). */
        @WithDefault("10")
        int maxAttempts();

        /** How long a download is held by the instance running it before another may take it. */
        @WithDefault("5m")
        Duration lease();
    }

    interface Templates {

        /** How often the template list is fetched again from Meta. */
        @WithDefault("15m")
        Duration refreshInterval();
    }

    interface Outbox {

        /** How often the outbox looks for due messages. */
        @WithDefault("10s")
        Duration interval();

        /**
         * The shared secret of {@code POST /internal/outbox/drain} ({@code X-Wake-Up-Token}), called
         * by deployment/kubernetes/outbox-wake-up.yaml to wake an instance scaled to zero while
         * messages are due. Unset: the endpoint answers 404.
         */
        Optional<String> wakeUpToken();

        /**
         * Delay before the first automatic retry; it doubles after each further attempt that reached
         * Meta, up to {@link #maxBackoff()}.
         */
        @WithDefault("10s")
        Duration backoff();

        /** The longest delay between two automatic attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * How long after it was accepted (by the send or by a manual retry) a message Meta cannot take
         * is tried again; after that it is {@code failed} with the last error.
         */
        @WithDefault("24h")
        Duration giveUpAfter();

        /**
         * Delay before sending again a message whose first attempt timed out: Meta may have accepted
         * it, and its status webhook (which carries our id) settles it meanwhile.
         */
        @WithDefault("2m")
        Duration unknownOutcomeDelay();

        /**
         * How long a claimed message is held by the instance sending it before another may take it.
         * Once its call to Meta starts, it is held at least as long as that call can last.
         */
        @WithDefault("2m")
        Duration lease();

        /**
         * Most messages claimed per round; fewer when the send rate could not send them within an
         * eighth of a lease.
         */
        @WithDefault("100")
        int batchSize();
    }
}
