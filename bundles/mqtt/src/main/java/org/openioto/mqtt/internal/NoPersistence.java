package org.openioto.mqtt.internal;

import java.util.Collections;
import java.util.Enumeration;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttPersistable;

/**
 * Paho's persistence, kept nowhere. Paho tracks its in-flight messages in memory of its own and
 * reads its persistence back only when a client connects, to resume what that same client sent
 * before; every {@link Link} is a new client, and the outbox does the resuming. Even a
 * {@code MemoryPersistence} would cost a table entry and a key string a message for nothing.
 */
final class NoPersistence implements MqttClientPersistence {

    @Override
    public void open(String clientId, String serverUri) {
    }

    @Override
    public void close() {
    }

    @Override
    public void put(String key, MqttPersistable message) {
    }

    @Override
    public MqttPersistable get(String key) {
        return null;
    }

    @Override
    public void remove(String key) {
    }

    @Override
    public Enumeration<String> keys() {
        return Collections.emptyEnumeration();
    }

    @Override
    public void clear() {
    }

    @Override
    public boolean containsKey(String key) {
        return false;
    }
}
