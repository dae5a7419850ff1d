package org.openioto.cloud.http;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Dotted numeric versions such as {@code 1.0.12}, compared part by part as numbers, a missing part
 * counting as 0 ({@code 1.2} equals {@code 1.2.0}, {@code 1.10} is newer than {@code 1.9}).
 */
final class Versions {

    /** One to eight parts of at most nine digits each, so every part fits an int. */
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,7}");

    /** Orders valid version strings from oldest to newest. */
    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    /** True if {@code version} is a dotted numeric version this class can compare. */
    static boolean isValid(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /**
     * Compares two valid versions numerically by parts.
     *
     * @throws IllegalArgumentException if either is not {@link #isValid valid}
     */
    static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] parts(String version) {
        if (!isValid(version)) {
            throw new IllegalArgumentException("Not a dotted numeric version: '" + version + "'");
        }
        String[] s = version.split("\\.");
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Integer.parseInt(s[i]);
        }
        return out;
    }
}
