package org.openioto.mqtt.internal.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The messages in the queue, by id, counted against its bounds; makes room for a new message by
 * dropping the oldest QoS 0 ones. Changed only under the queue's lock; {@link #next},
 * {@link #all} and the counts may be read from any thread without it.
 */
final class Pending {

    private final ConcurrentSkipListMap<Long, QueuedMessage> all = new ConcurrentSkipListMap<>();
    private final TreeMap<Long, QueuedMessage> transientMessages = new TreeMap<>();
    private final Bounds bounds;
    private long transientBytes;
    private volatile long dropped;

    Pending(Bounds bounds) {
        this.bounds = bounds;
    }

    void add(QueuedMessage m) {
        all.put(m.id(), m);
        bounds.add(m.size());
        if (!m.durable()) {
            transientMessages.put(m.id(), m);
            transientBytes += m.size();
        }
    }

    /** Removes and answers the message, if pending. */
    Optional<QueuedMessage> remove(long id) {
        QueuedMessage m = all.remove(id);
        if (m == null) {
            return Optional.empty();
        }
        bounds.remove(m.size());
        if (!m.durable()) {
            transientMessages.remove(id);
            transientBytes -= m.size();
        }
        return Optional.of(m);
    }

    /**
     * Drops the oldest QoS 0 messages until {@code m} fits, and answers them; drops none if even
     * dropping all of them would not be enough.
     *
     * @throws org.openioto.mqtt.MqttException if {@code m} does not fit; it names the limit
     */
    List<QueuedMessage> makeRoom(QueuedMessage m) {
        if (bounds.fits(m.size(), 0, 0)) {
            return List.of();
        }
        if (!bounds.fits(m.size(), transientMessages.size(), transientBytes)) {
            throw bounds.refusal("QoS " + m.qos().value() + " message to '" + m.topic() + "'", m.size(),
                    transientMessages.size(), transientBytes);
        }
        List<QueuedMessage> droppedNow = new ArrayList<>();
        while (!bounds.fits(m.size(), 0, 0)) {
            droppedNow.add(remove(transientMessages.firstKey()).orElseThrow());
        }
        dropped += droppedNow.size();
        return droppedNow;
    }

    /** QoS 0 messages dropped by {@link #makeRoom}. */
    long dropped() {
        return dropped;
    }

    Optional<QueuedMessage> next(long id) {
        return Optional.ofNullable(all.higherEntry(id)).map(Map.Entry::getValue);
    }

    /** A weakly consistent view in id order. */
    Collection<QueuedMessage> all() {
        return all.values();
    }

    /** The QoS 1 and 2 messages in id order: what a compacted log holds. */
    List<QueuedMessage> durable() {
        return all.values().stream().filter(QueuedMessage::durable).toList();
    }
}
