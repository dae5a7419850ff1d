package org.openioto.cloud.metrics;

import java.time.Instant;

/** One bucket of a series: where it starts and what it holds. */
public record Point(Instant start, Stats stats) {
}
