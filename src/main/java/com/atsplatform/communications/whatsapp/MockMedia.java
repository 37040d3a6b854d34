package com.atsplatform.communications.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files mock mode's Graph API serves (bundled in {@code whatsapp/mock-media/}), so that a
 * simulated reply can carry a CV or a photo of a document with no Meta account.
 */
public enum MockMedia {

    CV("document", "mock-media-cv", "application/pdf", "whatsapp/mock-media/cv.pdf", "Hoja de vida - Camila Rojas.pdf"),
    DOCUMENT_PHOTO("image", "mock-media-document-photo", "image/png", "whatsapp/mock-media/document-photo.png", null);

    /** Meta's message type that carries it. */
    private final String messageType;
    private final String mediaId;
    private final String mimeType;
    private final String fileName;
    /** The file, read once (a few kilobytes). */
    private final byte[] content;

    MockMedia(String messageType, String mediaId, String mimeType, String resource, String fileName) {
        this.messageType = messageType;
        this.mediaId = mediaId;
        this.mimeType = mimeType;
        this.fileName = fileName;
        this.content = read(resource);
    }

    public static Optional<MockMedia> byMediaId(String mediaId) {
        return Stream.of(values()).filter(media -> media.mediaId.equals(mediaId)).findFirst();
    }

    public String messageType() {
        return messageType;
    }

    public String mediaId() {
        return mediaId;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The file name a document message carries; null for an image (Meta sends none). */
    public String fileName() {
        return fileName;
    }

    public byte[] bytes() {
        return content.clone();
    }

    /** Base64 of the SHA-256 of the bytes, as Meta's webhook gives it. */
    public String sha256() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = MockMedia.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
