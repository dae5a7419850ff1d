package org.openioto.mqtt.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.MqttMessage;

/**
 * Ioto's request/response bookkeeping: sequence numbers from 100, wrapping at the largest int to
 * 1, one pending future per sequence, completed by the reply or failed at its timeout. Replies
 * whose sequence nobody waits for are ignored.
 */
final class Requests {

    private final AtomicInteger seq = new AtomicInteger(99);
    private final Map<Integer, CompletableFuture<MqttMessage>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    Requests(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** A new sequence number and the future its reply completes. */
    Map.Entry<Integer, CompletableFuture<MqttMessage>> open(String topic, Duration timeout) {
        int n = seq.updateAndGet(i -> i == Integer.MAX_VALUE ? 1 : i + 1);
        CompletableFuture<MqttMessage> reply = new CompletableFuture<>();
        pending.put(n, reply);
        timer.schedule(() -> {
            if (pending.remove(n, reply)) {
                reply.completeExceptionally(new MqttException("MQTT request timed out: " + topic + "/" + n
                        + " had no reply within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Map.entry(n, reply);
    }

    /** Completes the request the last topic level of {@code reply} names; false if none waits. */
    boolean complete(MqttMessage reply) {
        String topic = reply.topic();
        try {
            CompletableFuture<MqttMessage> f = pending.remove(Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1)));
            return f != null && f.complete(reply);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Fails a request whose publish was refused. */
    void fail(int n, Throwable cause) {
        CompletableFuture<MqttMessage> f = pending.remove(n);
        if (f != null) {
            f.completeExceptionally(cause);
        }
    }

    /** Fails every pending request, at shutdown. */
    void failAll(String why) {
        pending.forEach((n, f) -> f.completeExceptionally(new MqttException(why)));
        pending.clear();
    }

    /** For tests: start the sequence elsewhere. */
    void startAt(int next) {
        seq.set(next - 1);
    }
}
