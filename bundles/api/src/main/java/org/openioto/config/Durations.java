package org.openioto.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Ioto duration strings: {@code '30 secs'}, {@code '1 min'}, {@code '24 hrs'},
 * {@code '2 days'}, {@code 'never'}. A bare number is a count of seconds.
 *
 * <p>Unlike Ioto, a size suffix such as {@code '1m'} (which Ioto reads as one megabyte) is
 * refused here with a message that says to write {@code '1 min'}.
 */
public final class Durations {

    /** What {@code 'never'}, {@code 'forever'}, {@code 'unlimited'} and {@code 'infinite'} mean. */
    public static final Duration NEVER = Duration.ofSeconds(Long.MAX_VALUE);

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z]*)");
    private static final Map<String, Long> MILLIS_PER_UNIT = Map.ofEntries(
            Map.entry("", 1000L),
            Map.entry("ms", 1L), Map.entry("msec", 1L), Map.entry("msecs", 1L),
            Map.entry("s", 1000L), Map.entry("sec", 1000L), Map.entry("secs", 1000L),
            Map.entry("second", 1000L), Map.entry("seconds", 1000L),
            Map.entry("min", 60_000L), Map.entry("mins", 60_000L),
            Map.entry("minute", 60_000L), Map.entry("minutes", 60_000L),
            Map.entry("hr", 3_600_000L), Map.entry("hrs", 3_600_000L),
            Map.entry("hour", 3_600_000L), Map.entry("hours", 3_600_000L),
            Map.entry("day", 86_400_000L), Map.entry("days", 86_400_000L),
            Map.entry("week", 604_800_000L), Map.entry("weeks", 604_800_000L),
            Map.entry("month", 2_592_000_000L), Map.entry("months", 2_592_000_000L),
            Map.entry("year", 31_536_000_000L), Map.entry("years", 31_536_000_000L));

    private Durations() {
    }

    /**
     * Parses {@code text} into a duration.
     *
     * @throws IllegalArgumentException if the text is not a duration; the message quotes it
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("forever") || t.equals("unlimited") || t.equals("infinite")) {
            return NEVER;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. '30 secs', '1 min', 'never')");
        }
        String unit = m.group(2);
        Long millis = MILLIS_PER_UNIT.get(unit);
        if (millis == null) {
            String hint = Sizes.isSizeUnit(unit) ? ": '" + unit + "' is a size unit here; write minutes as 'min'" : "";
            throw new IllegalArgumentException("'" + text + "' is not a duration" + hint);
        }
        double value = Double.parseDouble(m.group(1)) * millis;
        return value >= Long.MAX_VALUE ? NEVER : Duration.ofMillis((long) value);
    }

    /** True if the text parses as a duration. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
