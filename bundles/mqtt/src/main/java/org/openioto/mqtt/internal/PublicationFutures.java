package org.openioto.mqtt.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.Publication;

/** The stages of the publications made since start, by queue id, until they are acknowledged. */
final class PublicationFutures {

    /** One publication's two stages. */
    record Stages(CompletableFuture<Void> sent, CompletableFuture<Void> acknowledged) implements Publication {
    }

    private final Map<Long, Stages> open = new ConcurrentHashMap<>();

    Publication track(long id) {
        Stages s = new Stages(new CompletableFuture<>(), new CompletableFuture<>());
        open.put(id, s);
        return s;
    }

    void sent(long id) {
        Stages s = open.get(id);
        if (s != null) {
            s.sent().complete(null);
        }
    }

    void acknowledged(long id) {
        Stages s = open.remove(id);
        if (s != null) {
            s.sent().complete(null);
            s.acknowledged().complete(null);
        }
    }

    /** Fails what is still open; the messages themselves stay queued for the next start. */
    void stopAll() {
        MqttException stopped = new MqttException("the MQTT connection stopped; the message stays queued and is sent after the next start");
        open.values().forEach(s -> {
            s.sent().completeExceptionally(stopped);
            s.acknowledged().completeExceptionally(stopped);
        });
        open.clear();
    }

    static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
