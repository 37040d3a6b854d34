package com.atsplatform.communications.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.atsplatform.communications.classification.Classification;
import com.atsplatform.communications.communication.InterestStatus;

/** One element of a webhook payload, read and checked, ready to apply. */
sealed interface WebhookEvent {

    /**
     * A delivery status of an outbound message.
     *
     * @param communicationId from {@code biz_opaque_callback_data}, when it is one of ours
     * @param timestamp       Meta's time of the event, or the time it was received when Meta gave none
     *                        (it then only fills a time still empty, as any status time does)
     * @param metadata        pricing and conversation, for {@code response_metadata}
     */
    record Status(String wamid, UUID communicationId, String status, Instant timestamp, Integer errorCode,
            String errorMessage, Map<String, Object> metadata) implements WebhookEvent {
    }

    /**
     * A message from a candidate.
     *
     * @param from        the sender in E.164, or null when Meta's number is not one
     * @param timestamp    Meta's time of the message, or the time it was received when Meta gave none
     * @param metaTime     whether {@code timestamp} is Meta's: a received time never wins over Meta's
     * @param contextWamid the message it answers ({@code context.id}, or the reacted-to message)
     * @param metadata    its type and, for media, the media id and MIME type (never a URL)
     * @param media       the file it carries (document, image, audio, video, sticker), or null
     */
    record Inbound(String wamid, String from, Instant timestamp, boolean metaTime, String contextWamid, String content,
            Classification meaning, Map<String, Object> metadata, Media media) implements WebhookEvent {

        /** The classifier's reading, as the record stores it. */
        InterestStatus interest() {
            return switch (meaning.interest()) {
                case INTERESTED -> InterestStatus.INTERESTED;
                case NOT_INTERESTED -> InterestStatus.NOT_INTERESTED;
                case QUESTION -> InterestStatus.QUESTION;
                case UNKNOWN -> InterestStatus.UNKNOWN;
            };
        }
    }

    /** A file a message carries, as Meta announces it: fetched later by its id. */
    record Media(String mediaId, String mimeType, String fileName, String sha256) {
    }

    /** A {@code user_preferences} change: {@code stop} or {@code resume} marketing messages. */
    record Preference(String phone, boolean stop, Instant timestamp) implements WebhookEvent {
    }

    /** An element that could not be read; counted, not applied. */
    record Unreadable(String kind, String reason) implements WebhookEvent {
    }
}
