package org.openioto.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A Saturday. */
    private static final ZonedDateTime SAT_1030 = ZonedDateTime.of(2026, 11, 21, 10, 30, 15, 0, ZONE);

    @Test
    void anytimeMatchesTheNextWholeMinute() {
        Cron c = Cron.parse("anytime");
        assertThat(c.matches(SAT_1030)).isTrue();
        assertThat(c.next(SAT_1030)).hasValue(SAT_1030.withSecond(0).plusMinutes(1));
        assertThat(c.next(SAT_1030.withSecond(0))).hasValue(SAT_1030.withSecond(0));
        assertThat(c.onDemand()).isFalse();
    }

    @Test
    void workhoursWaitsForMondayNine() {
        Cron c = Cron.parse("workhours");
        assertThat(c.matches(SAT_1030)).isFalse();
        assertThat(c.next(SAT_1030)).hasValue(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZONE));
        assertThat(c.matches(ZonedDateTime.of(2026, 11, 23, 17, 59, 0, 0, ZONE))).isTrue();
        assertThat(c.matches(ZonedDateTime.of(2026, 11, 23, 18, 0, 0, 0, ZONE))).isFalse();
    }

    @Test
    void listsRangesAndSteps() {
        Cron c = Cron.parse("*/15 8-10,20 * * *");
        assertThat(c.next(SAT_1030)).hasValue(SAT_1030.withMinute(45).withSecond(0));
        assertThat(c.next(SAT_1030.withHour(11))).hasValue(SAT_1030.withHour(20).withMinute(0).withSecond(0));
        assertThat(Cron.parse("0-30/10 * * * *").next(SAT_1030)).hasValue(SAT_1030.withHour(11).withMinute(0).withSecond(0));
    }

    @Test
    void sundayIsZeroAndSeven() {
        ZonedDateTime sunday = ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, ZONE);
        assertThat(Cron.parse("0 0 * * 0").next(SAT_1030)).hasValue(sunday);
        assertThat(Cron.parse("0 0 * * 7").next(SAT_1030)).hasValue(sunday);
    }

    @Test
    void eitherRestrictedDayFieldMatches() {
        // the 1st of the month or a Monday, whichever comes first
        Cron c = Cron.parse("0 12 1 * 1");
        assertThat(c.next(SAT_1030)).hasValue(ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZONE));
        assertThat(c.next(ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, ZONE)))
                .hasValue(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZONE));
    }

    @Test
    void aStepOverTheWholeDayFieldRestrictsNothingAsInVixieCron() {
        // every other day of the month and (not or) Mondays
        assertThat(Cron.parse("0 12 */2 * 1").next(SAT_1030)).hasValue(ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZONE));
        assertThat(Cron.parse("0 12 */2 * 1").next(ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, ZONE)))
                .hasValue(ZonedDateTime.of(2026, 12, 7, 12, 0, 0, 0, ZONE));
    }

    @Test
    void movesOnThroughAHalfHourFallBack() {
        // Lord Howe Island falls back half an hour at 02:00 on 7 April 2024: 01:30 to 02:00 twice
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        ZonedDateTime before = ZonedDateTime.of(2024, 4, 7, 0, 59, 30, 0, lordHowe);
        assertThat(Cron.parse("* 9-17 * * *").next(before)).hasValue(ZonedDateTime.of(2024, 4, 7, 9, 0, 0, 0, lordHowe));
        assertThat(Cron.parse("0 * * * *").next(ZonedDateTime.of(2024, 4, 7, 1, 45, 0, 0, lordHowe)))
                .hasValueSatisfying(t -> assertThat(t.toLocalTime()).hasToString("02:00"));
    }

    @Test
    void leapDayIsFoundYearsAhead() {
        assertThat(Cron.parse("0 0 29 2 *").next(SAT_1030)).hasValue(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZONE));
        assertThat(Cron.parse("0 0 31 2 *").next(SAT_1030)).isEmpty();
    }

    @Test
    void neverAndUnscheduledAreOnDemand() {
        for (String s : new String[] {"never", "unscheduled", "0 0 0 0 0", "Never"}) {
            Cron c = Cron.parse(s);
            assertThat(c.onDemand()).as(s).isTrue();
            assertThat(c.matches(SAT_1030)).isFalse();
            assertThat(c.next(SAT_1030)).isEmpty();
        }
    }

    @Test
    void badSchedulesSayWhatIsWrong() {
        assertThatThrownBy(() -> Cron.parse("* * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> Cron.parse("61 * * * *")).hasMessageContaining("minute '61' is not a number from 0 to 59");
        assertThatThrownBy(() -> Cron.parse("* x * * *")).hasMessageContaining("hour 'x'");
        assertThatThrownBy(() -> Cron.parse("* 5-2 * * *")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> Cron.parse("* * 0 * *")).hasMessageContaining("day of month '0'");
        assertThatThrownBy(() -> Cron.parse("*/0 * * * *")).hasMessageContaining("'0'");
    }
}
