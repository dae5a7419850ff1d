package org.openioto.mqtt.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.Qos;

/** LOCAL SCAFFOLD. */
final class MemoryOutbox implements Outbox {
    private final ConcurrentSkipListMap<Long, Queued> queue = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int max;

    MemoryOutbox(int max) {
        this.max = max;
    }

    @Override
    public Queued append(String topic, byte[] payload, Qos qos, boolean retain) {
        if (queue.size() >= max) {
            throw new MqttException("full");
        }
        Queued q = new Queued(ids.incrementAndGet(), topic, payload, qos, retain);
        queue.put(q.id(), q);
        synchronized (this) {
            notifyAll();
        }
        return q;
    }

    @Override
    public void ack(long id) {
        queue.remove(id);
    }

    @Override
    public Optional<Queued> next(long afterId, Duration wait) throws InterruptedException {
        var e = queue.higherEntry(afterId);
        if (e == null) {
            synchronized (this) {
                wait(wait.toMillis());
            }
            e = queue.higherEntry(afterId);
        }
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    @Override
    public long count() {
        return queue.size();
    }

    @Override
    public double fill() {
        return queue.size() / (double) max;
    }

    @Override
    public void close() {
    }
}
