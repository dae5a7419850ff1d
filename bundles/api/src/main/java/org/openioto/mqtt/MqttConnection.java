package org.openioto.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's MQTT connection to the cloud. The service is registered while the connection is
 * configured, whether or not it is connected at the moment: publishes made while it is down are
 * queued and sent on reconnect.
 *
 * <p>Topics are plain MQTT topics; the device's own prefixes are available from
 * {@link #deviceTopic(String)} and {@link #serviceTopic(String)}.
 */
@ProviderType
public interface MqttConnection {

    /**
     * Queues a message for the broker and returns at once.
     *
     * @throws MqttException if the topic or payload is over the limits, or the queue is full
     *     for this QoS (QoS 0 is dropped first; QoS 1 and 2 are refused, never dropped once accepted)
     * @throws IllegalArgumentException if the topic is empty or has wildcards
     */
    Publication publish(String topic, byte[] payload, Qos qos, boolean retain);

    /**
     * Subscribes {@code handler} to {@code filter}. Filters under the device's master
     * subscription ({@code ioto/device/<id>/#}) are routed locally without a network SUBSCRIBE.
     *
     * @throws IllegalArgumentException if the filter is not a valid MQTT topic filter
     */
    Subscription subscribe(String filter, Qos qos, MessageHandler handler);

    /**
     * Ioto's request/response: publishes {@code body} to {@code ioto/service/<id>/<topic>/<seq>}
     * and completes with the payload of the reply on {@code ioto/device/<id>/<topic>/<seq>}.
     * Completes exceptionally with {@link MqttException} after {@code timeout}. Completes on the
     * dispatch thread.
     */
    CompletionStage<MqttMessage> request(String topic, byte[] body, Duration timeout);

    /** {@code ioto/device/<id>/<rest>}: where the cloud sends to this device. */
    String deviceTopic(String rest);

    /** {@code ioto/service/<id>/<rest>}: where this device sends to the cloud. */
    String serviceTopic(String rest);

    /** A snapshot of the connection's state and counters. */
    MqttStatus status();
}
