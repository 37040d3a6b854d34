package com.atsplatform.communications.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.classification.Classification;
import com.atsplatform.communications.classification.Interest;
import com.atsplatform.communications.classification.InterestClassifier;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads every entry, change, status, message and preference of a payload into {@link WebhookEvent}s.
 * Unknown fields and message types are tolerated; an element that cannot be read becomes
 * {@link WebhookEvent.Unreadable} and does not stop the others.
 */
@ApplicationScoped
class WebhookParser {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed");
    private static final Set<String> MEDIA = Set.of("image", "video", "document", "audio", "sticker");
    private static final int MAX_WAMID_LENGTH = 128;

    private final InterestClassifier classifier;

    WebhookParser(InterestClassifier classifier) {
        this.classifier = classifier;
    }

    List<WebhookEvent> parse(JsonNode payload) {
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                value.path("statuses").forEach(status -> events.add(readSafely("status", () -> status(status))));
                value.path("messages").forEach(message -> events.add(readSafely("message", () -> inbound(message))));
                value.path("user_preferences").forEach(preference -> events.add(readSafely("preference", () -> preference(preference))));
            }
        }
        return events;
    }

    private interface Reader {
        WebhookEvent read();
    }

    private static WebhookEvent readSafely(String kind, Reader reader) {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            return new WebhookEvent.Unreadable(kind, e.getMessage());
        }
    }

    private WebhookEvent status(JsonNode status) {
        String wamid = wamid(status.path("id"));
        String state = status.path("status").asText("");
        if (!STATUSES.contains(state)) {
            throw new IllegalArgumentException("unknown status '" + state + "'");
        }
        Integer errorCode = null;
        String errorMessage = null;
        JsonNode error = status.path("errors").path(0);
        if (!error.isMissingNode()) {
            errorCode = error.path("code").isInt() ? error.path("code").asInt() : null;
            errorMessage = join(text(error.path("title")), text(error.path("error_data").path("details")));
            if (errorMessage == null) {
                errorMessage = text(error.path("message"));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        putJson(metadata, "pricing", status.path("pricing"));
        putJson(metadata, "conversation", status.path("conversation"));
        Instant time = metaTime(status.path("timestamp"));
        return new WebhookEvent.Status(wamid, uuid(text(status.path("biz_opaque_callback_data"))), state,
                time == null ? Instant.now() : time, errorCode, errorMessage, metadata);
    }

    private WebhookEvent inbound(JsonNode message) {
        String wamid = wamid(message.path("id"));
        String type = message.path("type").asText("unknown");
        String contextWamid = text(message.path("context").path("id"));
        String content = null;
        Classification meaning = null;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", type);
        WebhookEvent.Media file = null;
        switch (type) {
            case "text" -> {
                content = text(message.path("text").path("body"));
                meaning = classifier.classify(content);
            }
            case "button" -> {
                content = text(message.path("button").path("text"));
                meaning = classifier.classifyButton(text(message.path("button").path("payload")), content);
            }
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
                content = text(reply.path("title"));
                meaning = classifier.classifyButton(text(reply.path("id")), content);
                metadata.put("interactive_type", interactive.path("type").asText(null));
            }
            case "reaction" -> {
                content = text(message.path("reaction").path("emoji"));
                contextWamid = text(message.path("reaction").path("message_id"));
                meaning = content == null ? null : classifier.classify(content);
            }
            default -> {
                if (MEDIA.contains(type)) {
                    JsonNode media = message.path(type);
                    content = text(media.path("caption"));
                    metadata.put("media_id", text(media.path("id")));
                    metadata.put("mime_type", text(media.path("mime_type")));
                    meaning = content == null ? null : classifier.classify(content);
                    file = media(media);
                }
            }
        }
        if (meaning == null) {
            meaning = new Classification(Interest.UNKNOWN, false);
        }
        String from = "+" + message.path("from").asText("");
        Instant time = metaTime(message.path("timestamp"));
        return new WebhookEvent.Inbound(wamid, E164.matcher(from).matches() ? from : null, time == null ? Instant.now() : time, time != null,
                contextWamid != null && contextWamid.length() <= MAX_WAMID_LENGTH ? contextWamid : null, content, meaning, metadata, file);
    }

    /** The file of a media message; none when Meta gave no usable id (there is nothing to fetch). */
    private static WebhookEvent.Media media(JsonNode media) {
        String id = text(media.path("id"));
        if (id == null || id.length() > MAX_WAMID_LENGTH) {
            return null;
        }
        return new WebhookEvent.Media(id, bounded(text(media.path("mime_type")), 255), bounded(text(media.path("filename")), 255),
                bounded(text(media.path("sha256")), 128));
    }

    private static String bounded(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static WebhookEvent preference(JsonNode preference) {
        String value = preference.path("value").asText("");
        if (!value.equals("stop") && !value.equals("resume")) {
            throw new IllegalArgumentException("unknown preference '" + value + "'");
        }
        String phone = "+" + preference.path("wa_id").asText("");
        if (!E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("wa_id is not a phone number");
        }
        Instant time = metaTime(preference.path("timestamp"));
        return new WebhookEvent.Preference(phone, value.equals("stop"), time == null ? Instant.now() : time);
    }

    private static String wamid(JsonNode id) {
        String wamid = text(id);
        if (wamid == null || wamid.length() > MAX_WAMID_LENGTH) {
            throw new IllegalArgumentException("missing or oversized message id");
        }
        return wamid;
    }

    /**
     * Meta's time of an event: epoch seconds, as a string in messages and statuses and as a number
     * in preferences; null when it is missing or unreadable (the caller uses the time received).
     */
    private static Instant metaTime(JsonNode node) {
        if (node.isNumber() || (node.isTextual() && node.asText().matches("\\d{1,12}"))) {
            return Instant.ofEpochSecond(node.asLong());
        }
        return null;
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    /** A string value; NUL characters, which PostgreSQL text cannot hold, are dropped rather than the message. */
    private static String text(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().replace("\u0000", "");
        return text.isEmpty() ? null : text;
    }

    private static String join(String title, String details) {
        if (title == null) {
            return details;
        }
        return details == null ? title : title + ": " + details;
    }

    private static void putJson(Map<String, Object> metadata, String key, JsonNode node) {
        if (node.isObject()) {
            metadata.put(key, node);
        }
    }
}
