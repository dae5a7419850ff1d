package org.openioto.core.internal.identity;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Claim IDs: generated as Ioto's cryptID(10), and checked when configured. */
public final class ClaimIds {

    /** Crockford's base 32: no I, L, O or U, so an ID printed on a label reads unambiguously. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** What a configured ID may be: it becomes the MQTT client ID (at most 23 bytes) and a topic level. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private ClaimIds() {
    }

    /** A new 10-character ID; each byte of randomness picks one of 32 symbols uniformly. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(10);
        for (byte b : bytes) {
            id.append(ALPHABET.charAt(b & 31));
        }
        return id.toString();
    }

    /** True if {@code id} can serve as a claim ID. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Checks a configured or fetched ID.
     *
     * @throws IllegalArgumentException saying what is wrong, quoting the ID
     */
    public static String validate(String id, String source) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(source + ": claim ID '" + id
                    + "' is not valid: use 1 to 20 letters, digits, '-' or '_'");
        }
        return id;
    }
}
