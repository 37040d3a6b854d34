package com.atsplatform.communications.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.config.WhatsAppConfig;

/**
 * Checks Meta's {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw request bytes
 * with the app secret, compared in constant time. Without a configured secret nothing verifies.
 */
@ApplicationScoped
class SignatureVerifier {

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final Optional<SecretKeySpec> key;

    SignatureVerifier(WhatsAppConfig config) {
        this.key = config.appSecret().filter(secret -> !secret.isBlank())
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    boolean configured() {
        return key.isPresent();
    }

    boolean verify(byte[] body, String header) {
        if (key.isEmpty() || header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), presented);
    }

    /** The {@code X-Hub-Signature-256} header Meta would send with this body; only when {@link #configured()}. */
    String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.orElseThrow());
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
