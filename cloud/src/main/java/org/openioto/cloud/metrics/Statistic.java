package org.openioto.cloud.metrics;

import java.util.Locale;
import java.util.Optional;

/** What {@code metric/get} asks of the samples in a period. */
public enum Statistic {
    AVG, MIN, MAX, COUNT, SUM, CURRENT;

    /** The statistic named {@code name} as Ioto writes it ({@code avg}, ..., {@code current}), if any. */
    public static Optional<Statistic> parse(String name) {
        for (Statistic s : values()) {
            if (s.label().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The name as Ioto writes it, lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This statistic of {@code stats}; {@link #COUNT} is a whole number. */
    public Number of(Stats stats) {
        return switch (this) {
            case AVG -> stats.avg();
            case MIN -> stats.min();
            case MAX -> stats.max();
            case COUNT -> stats.count();
            case SUM -> stats.sum();
            case CURRENT -> stats.latest();
        };
    }
}
