package com.atsplatform.communications.whatsapp;

/**
 * Where Meta keeps a candidate's media file, and what it says of it.
 *
 * @param url      short-lived (minutes): fetch it at once, with the same bearer token
 * @param sha256   Meta's digest of the bytes (hex or base64, as Meta gives it); null when it gave none
 * @param fileSize in bytes; null when Meta did not say
 */
public record MediaLocation(String url, String mimeType, String sha256, Long fileSize) {
}
