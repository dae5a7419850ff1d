package org.openioto.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Ioto size strings: {@code '10k'}, {@code '50kb'}, {@code '1mb'}, {@code '1m'} (a
 * megabyte, as in Ioto), {@code '2g'}, {@code 'unlimited'}. A bare number is a count of bytes.
 * Units are powers of 1024.
 */
public final class Sizes {

    /** What {@code 'unlimited'}, {@code 'infinite'} and {@code 'never'} mean. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z]*)");
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of(
            "", 1L, "b", 1L,
            "k", 1L << 10, "kb", 1L << 10,
            "m", 1L << 20, "mb", 1L << 20,
            "g", 1L << 30, "gb", 1L << 30);

    private Sizes() {
    }

    /**
     * Parses {@code text} into a number of bytes.
     *
     * @throws IllegalArgumentException if the text is not a size; the message quotes it
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("unlimited") || t.equals("infinite") || t.equals("never")) {
            return UNLIMITED;
        }
        Matcher m = FORM.matcher(t);
        Long unit = m.matches() ? BYTES_PER_UNIT.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. '10k', '1mb', 'unlimited')");
        }
        double value = Double.parseDouble(m.group(1)) * unit;
        return value >= Long.MAX_VALUE ? UNLIMITED : (long) value;
    }

    /** True if the text parses as a size. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isSizeUnit(String unit) {
        return !unit.isEmpty() && BYTES_PER_UNIT.containsKey(unit);
    }
}
