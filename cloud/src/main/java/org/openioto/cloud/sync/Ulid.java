package org.openioto.cloud.sync;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * ULIDs, the ids Ioto's schema gives Command and Log items: 26 characters of Crockford base 32,
 * 48 bits of milliseconds then 80 random bits, so they sort by creation time as text.
 * Thread-safe.
 */
final class Ulid {

    private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {
    }

    /** A new ULID for {@code time}. */
    static String at(Instant time) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return of(time.toEpochMilli(), random);
    }

    /** The ULID of {@code millis} (48 bits) and {@code random} (10 bytes). */
    static String of(long millis, byte[] random) {
        if (millis < 0 || millis >= 1L << 48 || random.length != 10) {
            throw new IllegalArgumentException("A ULID holds 48 bits of time and 80 of randomness");
        }
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = DIGITS[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 bits as 16 digits of 5 bits: two 40-bit halves of 8 digits each
        for (int half = 0; half < 2; half++) {
            long bits = 0;
            for (int b = 0; b < 5; b++) {
                bits = bits << 8 | (random[half * 5 + b] & 0xff);
            }
            for (int i = 7; i >= 0; i--) {
                out[10 + half * 8 + i] = DIGITS[(int) (bits & 31)];
                bits >>>= 5;
            }
        }
        return new String(out);
    }
}
