package org.openioto.core.internal.config;

import java.util.Locale;

/** How Ioto reads the values of the {@code services} map. */
public final class Services {

    private Services() {
    }

    /** True for {@code true}, {@code 'true'}, and any non-empty word other than false/none/off. */
    public static boolean isOn(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return !(s.isEmpty() || s.equals("false") || s.equals("none") || s.equals("off") || s.equals("0"));
    }
}
