package org.openioto.cloud.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples summed up in memory since the last flush, per series and bucket, and the batch being
 * flushed. Thread-safe: every method holds this object's lock, briefly.
 *
 * <p>A reader adds {@link #unflushed} to what the database holds. It must do both inside one
 * database transaction, and the flusher calls {@link #flushed} inside the transaction that writes
 * the batch: transactions run one at a time, so a reader sees the batch either in the database or
 * here, never in both or neither.
 */
final class Pending {

    /** A bucket of a series: its span and start (epoch seconds). */
    record Slot(Span span, long start) { }

    private final int maxSeries;
    private Map<Series, Map<Slot, Stats>> pending = new HashMap<>();
    private Map<Series, Map<Slot, Stats>> flushing = Map.of();

    /** Keeps at most {@code maxSeries} series between flushes. */
    Pending(int maxSeries) {
        this.maxSeries = maxSeries;
    }

    /** Adds a sample to the series' bucket of each span; false if too many series wait already. */
    synchronized boolean add(Series series, double value, long epochMillis) {
        Map<Slot, Stats> slots = pending.get(series);
        if (slots == null) {
            if (pending.size() >= maxSeries) {
                return false;
            }
            slots = new HashMap<>();
            pending.put(series, slots);
        }
        long second = Math.floorDiv(epochMillis, 1000);
        Stats sample = Stats.of(value, epochMillis);
        for (Span span : Span.values()) {
            slots.merge(new Slot(span, span.start(second)), sample, Stats::merge);
        }
        return true;
    }

    /** Takes what is pending as the batch to flush; pending starts empty again. */
    synchronized Map<Series, Map<Slot, Stats>> startFlush() {
        flushing = pending;
        pending = new HashMap<>();
        return flushing;
    }

    /** The batch is in the database now (call inside its transaction). */
    synchronized void flushed() {
        flushing = Map.of();
    }

    /** The batch could not be written: it is pending again. */
    synchronized void restore(Map<Series, Map<Slot, Stats>> batch) {
        batch.forEach((series, slots) -> slots.forEach((slot, stats) ->
                pending.computeIfAbsent(series, s -> new HashMap<>()).merge(slot, stats, Stats::merge)));
        flushing = Map.of();
    }

    /** The series' unflushed buckets of {@code span} starting after {@code fromExclusive}, by start. */
    synchronized Map<Long, Stats> unflushed(Series series, Span span, long fromExclusive) {
        Map<Long, Stats> out = new HashMap<>();
        for (Map<Series, Map<Slot, Stats>> m : List.of(flushing, pending)) {
            m.getOrDefault(series, Map.of()).forEach((slot, stats) -> {
                if (slot.span() == span && slot.start() > fromExclusive) {
                    out.merge(slot.start(), stats, Stats::merge);
                }
            });
        }
        return out;
    }
}
