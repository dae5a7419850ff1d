package org.openioto.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.internal.queue.DurableQueue;
import org.openioto.mqtt.Publication;

/**
 * The stages of the publications made since start, by queue id, until they are acknowledged.
 * {@link #publish} appends and starts tracking under one lock, which the sender's reports also
 * take, so an acknowledgement can never overtake the tracking of its own message.
 */
final class PublicationFutures {

    /** One publication's two stages. */
    record Stages(CompletableFuture<Void> sent, CompletableFuture<Void> acknowledged) implements Publication {
    }

    private final Map<Long, Stages> open = new HashMap<>();
    private final Set<CompletableFuture<Void>> direct = ConcurrentHashMap.newKeySet();

    synchronized Publication publish(DurableQueue queue, String topic, byte[] payload, org.openioto.mqtt.Qos qos,
            boolean retain) {
        long id = queue.append(topic, payload, qos, retain);
        Stages s = new Stages(new CompletableFuture<>(), new CompletableFuture<>());
        open.put(id, s);
        return s;
    }

    void sent(long id) {
        Stages s;
        synchronized (this) {
            s = open.get(id);
        }
        if (s != null) {
            s.sent().complete(null);
        }
    }

    /** Completes both stages; outside the lock, since callers' actions run on completion. */
    void acknowledged(long id) {
        Stages s;
        synchronized (this) {
            s = open.remove(id);
        }
        if (s != null) {
            s.sent().complete(null);
            s.acknowledged().complete(null);
        }
    }

    /** The stage of a QoS 0 message sent past the queue; it leaves this set when it completes. */
    CompletableFuture<Void> direct() {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        direct.add(sent);
        sent.whenComplete((v, e) -> direct.remove(sent));
        return sent;
    }

    /** Fails the publication of a QoS 0 message the full queue dropped. */
    void dropped(long id) {
        Stages s;
        synchronized (this) {
            s = open.remove(id);
        }
        if (s != null) {
            MqttException full = new MqttException("the QoS 0 message was dropped: the MQTT queue is full");
            s.sent().completeExceptionally(full);
            s.acknowledged().completeExceptionally(full);
        }
    }

    /** Fails what is still open; the messages themselves stay queued for the next start. */
    void stopAll() {
        List<Stages> left;
        synchronized (this) {
            left = new ArrayList<>(open.values());
            open.clear();
        }
        MqttException stopped = new MqttException(
                "the MQTT connection stopped; the message stays queued and is sent after the next start");
        left.forEach(s -> {
            s.sent().completeExceptionally(stopped);
            s.acknowledged().completeExceptionally(stopped);
        });
        MqttException unsent = new MqttException("the MQTT connection stopped before the QoS 0 message was written");
        List.copyOf(direct).forEach(f -> f.completeExceptionally(unsent));
    }
}
