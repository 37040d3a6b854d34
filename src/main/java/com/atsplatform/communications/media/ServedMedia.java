package com.atsplatform.communications.media;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.atsplatform.communications.communication.InboundMedia;

/**
 * The headers a stored file is served with. Only the media types WhatsApp carries keep their type;
 * anything else (HTML, SVG, scripts, a type Meta never sends) is {@code application/octet-stream}.
 * Images, audio and video are shown inline; every other file is an attachment, and nothing is ever
 * sniffed or run: {@code nosniff} and a sandboxing Content-Security-Policy go with every answer.
 */
final class ServedMedia {

    /** The types Meta accepts in WhatsApp messages (images, audio, video, documents). */
    private static final Set<String> KNOWN = Set.of("image/jpeg", "image/png", "image/webp", "audio/aac", "audio/amr", "audio/mpeg",
            "audio/mp4", "audio/ogg", "video/mp4", "video/3gpp", "text/plain", "application/pdf", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp",
            "application/pdf", "pdf", "audio/ogg", "ogg", "audio/mpeg", "mp3", "video/mp4", "mp4", "text/plain", "txt");
    private static final int MAX_NAME_LENGTH = 150;

    private ServedMedia() {
    }

    static Map<String, List<String>> headers(UUID communicationId, InboundMedia media) {
        String type = contentType(media.mimeType());
        boolean inline = type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(type));
        headers.put("Content-Disposition", List.of((inline ? "inline" : "attachment") + "; " + fileNameParameters(communicationId, media, type)));
        if (media.size() != null) {
            headers.put("Content-Length", List.of(Long.toString(media.size())));
        }
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("Content-Security-Policy", List.of("sandbox; default-src 'none'"));
        // A stored file never changes: the client may keep it, nobody in between may.
        headers.put("Cache-Control", List.of("private, max-age=86400, immutable"));
        return headers;
    }

    /** The stored type when WhatsApp carries it (parameters dropped), else a download of unknown bytes. */
    static String contentType(String mimeType) {
        if (mimeType == null) {
            return "application/octet-stream";
        }
        String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return KNOWN.contains(bare) ? bare : "application/octet-stream";
    }

    /**
     * RFC 6266: an ASCII {@code filename} for old clients and the UTF-8 {@code filename*}. The
     * candidate's name loses any path, control character, quote or separator; without one, a name
     * is made from the record id.
     */
    static String fileNameParameters(UUID communicationId, InboundMedia media, String type) {
        String name = media.fileName() == null ? "" : media.fileName();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"';\\\\]", "").replaceAll("^[.\\s]+", "").strip();
        if (name.isEmpty()) {
            name = "media-" + communicationId + (EXTENSIONS.containsKey(type) ? "." + EXTENSIONS.get(type) : "");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH);
        }
        String ascii = name.replaceAll("[^\\x20-\\x7E]", "_");
        return "filename=\"" + ascii + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
