package org.openioto.cloud.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what sync sends, with the thread that sent it; devices in {@code connected} count as online. */
final class FakeDownlink implements Downlink {

    record Sent(String topic, String payload, String thread) { }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Set<String> connected;

    FakeDownlink(Set<String> connected) {
        this.connected = connected;
    }

    @Override
    public void send(String topic, byte[] payload) {
        sent.add(new Sent(topic, new String(payload, UTF_8), Thread.currentThread().getName()));
    }

    @Override
    public boolean connected(String deviceId) {
        return connected.contains(deviceId);
    }
}
