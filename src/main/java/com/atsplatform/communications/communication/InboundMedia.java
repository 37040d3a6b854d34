package com.atsplatform.communications.communication;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonObject;

/**
 * The file a candidate sent with a message, as the record shows it. The bytes are served by
 * {@code GET /communications/{id}/media} once {@code media_status} is {@code stored}.
 *
 * @param sha256      Meta's digest of the bytes (base64), checked when they are stored
 * @param size        in bytes; null until Meta or the download told
 * @param mediaStatus {@code pending}, {@code stored}, {@code too_large} or {@code failed}
 */
@RegisterForReflection
public record InboundMedia(String mediaId, String mimeType, String fileName, String sha256, Long size, String mediaStatus) {

    public static final String PENDING = "pending";
    public static final String STORED = "stored";
    public static final String TOO_LARGE = "too_large";
    public static final String FAILED = "failed";

    public static InboundMedia from(JsonObject json) {
        return json == null ? null
                : new InboundMedia(json.getString("media_id"), json.getString("mime_type"), json.getString("file_name"),
                        json.getString("sha256"), json.getLong("size"), json.getString("media_status"));
    }

    /** As stored in {@code communications.media}. */
    public String toJson() {
        JsonObject json = new JsonObject().put("media_id", mediaId).put("mime_type", mimeType).put("file_name", fileName)
                .put("sha256", sha256).put("size", size).put("media_status", mediaStatus);
        json.getMap().values().removeIf(value -> value == null);
        return json.encode();
    }
}
