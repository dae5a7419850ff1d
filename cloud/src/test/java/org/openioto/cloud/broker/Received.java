package org.openioto.cloud.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Inbound} that records what reached the cloud. */
final class Received implements Inbound {

    /** One message as the cloud saw it; the payload as text for readable assertions. */
    record Message(String clientId, String topic, String payload) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String clientId, String topic, byte[] payload) {
        messages.add(new Message(clientId, topic, new String(payload, StandardCharsets.UTF_8)));
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<String> topics() {
        return messages.stream().map(Message::topic).toList();
    }
}
