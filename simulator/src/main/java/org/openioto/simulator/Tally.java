package org.openioto.simulator;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the devices did during a run, counted from any thread. Messages count only if they were
 * due inside the measured window (System.nanoTime) set by {@link #measure}; connection drops and
 * reconnects count always.
 */
final class Tally {

    private volatile long from;
    private volatile long to;
    final Latencies latencies = new Latencies();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();

    /** Measures changes due in {@code [from, to)} from now on; until called, none is measured. */
    void measure(long from, long to) {
        this.to = to;
        this.from = from;
    }

    /** Whether a change due at {@code nanos} is measured. */
    boolean measured(long due) {
        return due - from >= 0 && due - to < 0;
    }

    /** A change due at {@code due} was published. */
    void sent(long due) {
        if (measured(due)) {
            sent.increment();
        }
    }

    /** A change due at {@code due} was acked {@code micros} after it was published. */
    void acked(long due, long micros) {
        if (measured(due)) {
            acked.increment();
            latencies.add(micros);
        }
    }

    /** A change due at {@code due} was published but its ack never came in time. */
    void lost(long due) {
        if (measured(due)) {
            lost.increment();
        }
    }

    /** A change due at {@code due} was not published: the device was not connected. */
    void unsent(long due) {
        if (measured(due)) {
            unsent.increment();
        }
    }

    /** A device's connection closed without the simulator asking. */
    void dropped() {
        drops.increment();
    }

    /** A device connected and subscribed again after a drop. */
    void reconnected() {
        reconnects.increment();
    }

    /** A connection attempt failed or closed before the device was subscribed; it tries again. */
    void failedAttempt() {
        failedAttempts.increment();
    }

    long sent() {
        return sent.sum();
    }

    long acked() {
        return acked.sum();
    }

    long lost() {
        return lost.sum();
    }

    long unsent() {
        return unsent.sum();
    }

    long drops() {
        return drops.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    long failedAttempts() {
        return failedAttempts.sum();
    }
}
