package org.openioto.mqtt.internal.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.Qos;
import org.osgi.service.log.Logger;

/**
 * Keeps MQTT messages until the broker acknowledges them: QoS 1 and 2 in an append-only log in
 * its directory, QoS 0 in memory only, all in one order of increasing ids.
 *
 * <p>Guarantee: once {@link #append} has returned the id of a QoS 1 or 2 message, its record is
 * in the operating system's page cache, so it survives the process being killed (kill -9, a JVM
 * crash) and is pending after the next {@link #open} unless {@link #ack}ed. A background thread
 * forces the log to the device every {@code flushInterval} when it has changed; after a power
 * loss or kernel crash, records appended within the last interval plus the time of one force
 * may be missing, earlier ones are there if the device honours flushes (with a zero interval
 * each durable append is forced before it returns). ACK records are written in batches: with the
 * next append, or by the background thread within {@code flushInterval} (100 ms when zero), so
 * messages acknowledged just before a kill are sent again after it. An ACK missing for any reason
 * means its message is sent again: at least once, never lost. A record found torn or corrupt at open is cut off
 * with everything after it (see {@link Replay}); those bytes are kept in
 * {@value LogFile#DISCARDED}. The queue logs a warning when it reaches 80 % of a limit.
 *
 * <p>Thread-safe. Any number of threads may append and ack; both are serialized by one lock,
 * held for one write system call. {@link #next} and {@link #pending} take no lock.
 */
public final class DurableQueue implements AutoCloseable {

    private final QueueSettings settings;
    private final Logger log;
    private final Consumer<QueuedMessage> dropped;
    private final Journal journal;
    private final Bounds bounds;
    private final Pending pending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Flusher flusher;
    private long nextId;
    private boolean closed;

    private DurableQueue(QueueSettings settings, Logger log, Consumer<QueuedMessage> dropped, Journal journal) {
        this.settings = settings;
        this.log = log;
        this.dropped = dropped;
        this.journal = journal;
        this.bounds = new Bounds(settings.maxCount(), settings.maxBytes());
        this.pending = new Pending(bounds);
        this.nextId = journal.recovered().nextId();
        journal.recovered().pending().values().forEach(pending::add);
        warnIfFilling();
        Duration tick = settings.flushInterval().isZero() ? Duration.ofMillis(100) : settings.flushInterval();
        this.flusher = new Flusher(tick, log, "MQTT queue: forcing and compacting the log in " + settings.directory(), this::upkeep);
    }

    /**
     * Opens the queue in {@code settings.directory()}, replaying its log: every message appended
     * and not acknowledged before is pending, in append order. A torn or corrupt end of the log
     * is logged and cut off; it never stops the queue from opening.
     *
     * @param dropped told, on the appending thread, of each QoS 0 message dropped to make room
     * @throws IOException if the directory cannot be used, or another process has it open
     */
    public static DurableQueue open(QueueSettings settings, Logger log, Consumer<QueuedMessage> dropped) throws IOException {
        return new DurableQueue(settings, log, dropped, Journal.open(settings.directory(), settings.compactAfter(), log));
    }

    /**
     * Adds a message and answers its id. A QoS 1 or 2 message is written to the log before this
     * returns (see the guarantee above). When the queue is full the oldest QoS 0 messages are
     * dropped to make room; if that is not enough the message is refused. Blocks for one write,
     * a compaction in progress, or with a zero flush interval a force.
     *
     * @throws MqttException if the message does not fit (the message names the limit and its
     *     value) or cannot be written; it is then not in the queue
     * @throws IllegalArgumentException if the topic has more than 65,535 bytes in UTF-8
     * @throws IllegalStateException if the queue is closed
     */
    public long append(String topic, byte[] payload, Qos qos, boolean retain) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        if (topicBytes.length > RecordFormat.MAX_TOPIC || payload.length > RecordFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("an MQTT topic has at most " + RecordFormat.MAX_TOPIC + " bytes and a payload "
                    + RecordFormat.MAX_PAYLOAD + ", not " + topicBytes.length + " and " + payload.length);
        }
        byte[] copy = payload.clone();
        List<QueuedMessage> droppedNow;
        QueuedMessage m;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the MQTT queue in " + settings.directory() + " is closed");
            }
            m = new QueuedMessage(nextId, topic, topicBytes, copy, qos, retain);
            droppedNow = pending.makeRoom(m);
            if (m.durable()) {
                write(m);
            }
            nextId++;
            // under the lock, so that ids arrive in order and a sender never skips one
            pending.add(m);
            appended.signalAll();
            warnIfFilling();
        } finally {
            lock.unlock();
        }
        if (!droppedNow.isEmpty()) {
            log.debug("MQTT queue full: dropped " + droppedNow.size() + " QoS 0 messages, " + pending.dropped() + " in all");
            droppedNow.forEach(dropped);
        }
        if (m.durable() && settings.flushInterval().isZero()) {
            forceNow(m);
        }
        return m.id();
    }

    /**
     * Removes a message once the broker has acknowledged it (for QoS 0: once it is sent); for
     * QoS 1 and 2 this gathers an ACK record (see above). Answers false if the id is not pending
     * (acknowledged before, dropped, or the queue is closed). If ACKs cannot be written that is
     * logged, and their messages are sent again after a restart.
     */
    public boolean ack(long id) {
        lock.lock();
        try {
            QueuedMessage m = closed ? null : pending.remove(id).orElse(null);
            if (m == null) {
                return false;
            }
            if (m.durable()) {
                try {
                    journal.ack(m);
                } catch (IOException e) {
                    warnAcksLost(e);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The first pending message after {@code id}, without waiting. Pass 0 for the oldest. */
    public Optional<QueuedMessage> next(long id) {
        return pending.next(id);
    }

    /**
     * The first pending message after {@code id}, waiting up to {@code timeout} for one to be
     * appended; empty after the timeout or once the queue is closed. A sender passes the id of
     * the last message it sent; after a reconnect it starts again from 0, which visits every
     * unacknowledged message again in order.
     */
    public Optional<QueuedMessage> awaitNext(long id, Duration timeout) throws InterruptedException {
        Optional<QueuedMessage> found = next(id);
        if (found.isPresent()) {
            return found;
        }
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while ((found = next(id)).isEmpty() && !closed && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the pending messages, QoS 0 included, in append order. */
    public List<QueuedMessage> pending() {
        return List.copyOf(pending.all());
    }

    /** True if nothing is pending; cheap, takes no lock. */
    public boolean isEmpty() {
        return bounds.count() == 0;
    }

    /** How full the queue is now; cheap, takes no lock. */
    public QueueCounts counts() {
        return new QueueCounts(bounds.count(), bounds.bytes(), bounds.fill(), pending.dropped());
    }

    /** Forces everything appended so far to the device now, without waiting for the flusher. */
    public void sync() throws IOException {
        journal.force();
    }

    /** Stops the flusher, forces and closes the log. Then {@link #awaitNext} answers empty and {@link #append} throws. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        // a compaction held the lock, so it is over, and none starts once closed is set
        flusher.close();
        journal.close();
    }

    /** Writes the gathered ACKs, forces the log if it changed, and compacts it when that is due. Runs on the flusher. */
    private void upkeep() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                journal.writeAcks();
            }
        } catch (IOException e) {
            warnAcksLost(e);
        } finally {
            lock.unlock();
        }
        boolean idle = !journal.dirty();
        if (!idle) {
            journal.force();
        }
        lock.lock();
        try {
            if (!closed && journal.compactionDue(idle)) {
                journal.compact(nextId, pending.durable());
            }
        } finally {
            lock.unlock();
        }
    }

    private void warnAcksLost(IOException e) {
        log.warn("MQTT queue: could not write ACK records; those messages will be sent again after a restart: " + e);
    }

    private void forceNow(QueuedMessage m) {
        try {
            journal.force();
        } catch (IOException e) {
            // it is in the queue and survives the process; the flusher will force it or say why not
            log.warn("MQTT queue: could not force message " + m.id() + " to the device: " + e);
        }
    }

    private void write(QueuedMessage m) {
        try {
            journal.message(m);
        } catch (IOException e) {
            throw new MqttException("QoS " + m.qos().value() + " message to '" + m.topic() + "' refused: cannot write the MQTT queue in "
                    + settings.directory() + ": " + e.getMessage(), e);
        }
    }

    private void warnIfFilling() {
        if (!bounds.warnNow()) {
            return;
        }
        log.warn("MQTT queue is " + Math.round(bounds.fill() * 100) + "% full (" + bounds + "); when full, QoS 0 messages "
                + "are dropped and QoS 1 and 2 refused");
    }
}
