package app.rigtrail.repair;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two photo uploads the same one under an idempotency key (the page's form token or the
 * API's Idempotency-Key header): the ticket, the bytes and the file name.
 */
record PhotoUpload(long ticketId, String sha256, String fileName) {

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
