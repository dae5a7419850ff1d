package org.openioto.config;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron schedule (minute, hour, day of month, month, day of week) as Ioto's
 * {@code mqtt.schedule} and {@code update.schedule} take it, with its aliases. Fields take {@code *}, numbers, ranges
 * {@code a-b}, steps ({@code 0-30/5}, or a star followed by {@code /5}) and lists of these; day of week 0-7,
 * Sunday being 0 and 7. As in standard cron, when both day fields are restricted a day matching
 * either one matches. {@code never} and {@code unscheduled} match no time at all: connect on
 * demand only, and so does Ioto's spelling of them, {@code 0 0 0 0 0}.
 */
public final class Cron {

    private static final Map<String, String> ALIASES = Map.of(
            "anytime", "* * * * *",
            "day", "* 6-17 * * *",
            "weekdays", "* * * * 1-5",
            "workhours", "* 9-17 * * 1-5",
            "midnight", "* 0 * * *",
            "night", "* 0-5,18-23 * * *");

    /** How far ahead {@link #next} looks: a schedule may match once a year (29 February: once in four). */
    private static final long HORIZON_DAYS = 4 * 366 + 1;

    private static final String NEVER = "0 0 0 0 0";

    private final String text;
    private final boolean never;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private Cron(String text, String[] f, boolean never) {
        this.text = text;
        this.never = never;
        this.minutes = field(f[0], 0, 59, "minute", text);
        this.hours = field(f[1], 0, 23, "hour", text);
        this.days = field(f[2], 1, 31, "day of month", text);
        this.months = field(f[3], 1, 12, "month", text);
        BitSet w = field(f[4], 0, 7, "day of week", text);
        if (w.get(7)) {
            w.set(0);
        }
        this.weekdays = w;
        // as Vixie cron: a field that starts with a star (also a step over the whole range) restricts nothing
        this.anyDay = f[2].startsWith("*");
        this.anyWeekday = f[4].startsWith("*");
    }

    /**
     * Parses a schedule or one of Ioto's aliases.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static Cron parse(String schedule) {
        String text = schedule.trim();
        String name = text.toLowerCase(Locale.ROOT);
        if (name.equals("never") || name.equals("unscheduled") || text.replaceAll("\\s+", " ").equals(NEVER)) {
            return new Cron(text, ALIASES.get("anytime").split(" "), true);
        }
        String[] f = ALIASES.getOrDefault(name, text).split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("schedule '" + schedule + "' needs five fields (minute hour day month weekday)"
                    + " or one of never, unscheduled, " + String.join(", ", ALIASES.keySet()));
        }
        return new Cron(text, f, false);
    }

    /** True if {@code text} is a schedule {@link #parse} accepts. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True if this schedule never matches: connections are made on demand only. */
    public boolean onDemand() {
        return never;
    }

    /** True if the minute of {@code t} is in the schedule. */
    public boolean matches(ZonedDateTime t) {
        return !never && minutes.get(t.getMinute()) && hours.get(t.getHour()) && months.get(t.getMonthValue()) && dayMatches(t);
    }

    /** The first whole minute at or after {@code from} that matches, if any within four years. */
    public Optional<ZonedDateTime> next(ZonedDateTime from) {
        ZonedDateTime t = from.getSecond() == 0 && from.getNano() == 0 ? from : from.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime horizon = from.plusDays(HORIZON_DAYS);
        while (!onDemand() && t.isBefore(horizon)) {
            if (!months.get(t.getMonthValue())) {
                t = startOfDay(t.withDayOfMonth(1).plusMonths(1));
            } else if (!dayMatches(t)) {
                t = startOfDay(t.plusDays(1));
            } else if (!hours.get(t.getHour())) {
                t = nextHour(t);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (anyDay || anyWeekday) {
            return day && weekday;
        }
        return day || weekday;
    }

    /**
     * The start of the next hour of local time. Stepping by the instant instead would not always
     * move on: where a fall-back overlap starts at half past, truncating to the hour lands on the
     * earlier offset and one hour later is the same instant again.
     */
    private static ZonedDateTime nextHour(ZonedDateTime t) {
        ZonedDateTime next = t.toLocalDateTime().truncatedTo(ChronoUnit.HOURS).plusHours(1).atZone(t.getZone());
        return next.isAfter(t) ? next : t.plusMinutes(1);
    }

    private static ZonedDateTime startOfDay(ZonedDateTime t) {
        return t.toLocalDate().atStartOfDay(t.getZone());
    }

    private static BitSet field(String field, int min, int max, String name, String schedule) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, name, schedule);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(range.substring(0, range.indexOf('-')), min, max, name, schedule);
                to = number(range.substring(range.indexOf('-') + 1), min, max, name, schedule);
            } else {
                from = number(range, min, max, name, schedule);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("schedule '" + schedule + "': " + name + " range " + range + " runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String name, String schedule) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("schedule '" + schedule + "': " + name + " '" + text + "' is not a number from "
                + min + " to " + max);
    }
}
