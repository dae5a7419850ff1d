package org.openioto.mqtt.internal;

import java.time.Duration;

/**
 * The cloud's throttle, as Ioto keeps it: each notice on {@code ioto/device/<id>/mqtt/throttle}
 * raises a per-publish delay to max(2 x delay, delay + 2 s), capped at 30 s; the delay decays with
 * every publish by delay x elapsed/400 s + 2 ms per elapsed second (about 15 % a minute). A
 * notice with {@code close} blocks the connection for an hour. Notices older than 30 s are stale
 * redeliveries and ignored. Times are in milliseconds of a clock the caller gives.
 */
final class Throttle {

    static final long MAX_DELAY = 30_000;
    static final long STALE = 30_000;
    static final Duration BLOCK = Duration.ofHours(1);

    private long delay;
    private long last;
    private long blockedUntil;

    /**
     * Applies a notice issued at {@code issued} (ms since the epoch), received at {@code now}.
     *
     * @return false if the notice was stale and ignored
     */
    synchronized boolean notice(long issued, boolean close, long now) {
        if (now - issued > STALE) {
            return false;
        }
        if (close) {
            blockedUntil = now + BLOCK.toMillis();
        }
        delay = Math.min(MAX_DELAY, Math.max(2 * delay, delay + 2000));
        last = now;
        return true;
    }

    /** How long to wait before the next publish; applies the decay since the last one. */
    synchronized long delayBeforePublish(long now) {
        if (delay > 0) {
            double elapsed = Math.max(0, now - last) / 1000.0;
            delay = Math.max(0, delay - (long) (delay * elapsed / 400 + 2 * elapsed));
        }
        last = now;
        return delay;
    }

    /** Until when the connection is blocked, or 0. */
    synchronized long blockedUntil() {
        return blockedUntil;
    }

    synchronized long delay() {
        return delay;
    }
}
