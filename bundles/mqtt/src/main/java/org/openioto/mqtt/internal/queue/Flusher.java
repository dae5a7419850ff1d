package org.openioto.mqtt.internal.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.log.Logger;

/**
 * Runs the queue's upkeep (forcing the log, compacting it) at a fixed delay on a daemon thread
 * of its own, so that appending never waits for the device. A failing upkeep is retried at the
 * next tick; the first failure and the recovery are logged, not every tick.
 */
final class Flusher implements AutoCloseable {

    /** One run of upkeep. */
    @FunctionalInterface
    interface Upkeep {
        void run() throws IOException;
    }

    private final ScheduledExecutorService executor;
    private final Logger log;
    private final String what;
    private final Upkeep upkeep;
    private boolean failing;

    Flusher(Duration interval, Logger log, String what, Upkeep upkeep) {
        this.log = log;
        this.what = what;
        this.upkeep = upkeep;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openioto-mqtt-queue");
            t.setDaemon(true);
            return t;
        });
        long nanos = Math.max(interval.toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
        executor.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the upkeep and waits up to ten seconds for a run in progress (a compaction may be one). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            upkeep.run();
            if (failing) {
                failing = false;
                log.info(what + " works again");
            }
        } catch (IOException | RuntimeException e) {
            // a thrown exception would cancel the schedule; the disk may recover (space freed)
            if (!failing) {
                failing = true;
                log.warn(what + " failed, retrying every tick: " + e);
            }
        }
    }
}
