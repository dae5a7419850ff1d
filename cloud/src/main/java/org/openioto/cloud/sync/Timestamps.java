package org.openioto.cloud.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Ioto's timestamps: ISO-8601 UTC with exactly three digits of milliseconds. Ioto orders items by
 * comparing these as strings, so every one the cloud writes must have this exact shape.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Longest timestamp accepted from a device; the item table's column is this wide. */
    static final int MAX_LENGTH = 32;

    private Timestamps() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The later of two timestamps by Ioto's string order. */
    static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
