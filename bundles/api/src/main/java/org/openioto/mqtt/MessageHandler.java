package org.openioto.mqtt;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the messages of a subscription. Called on the connection's dispatch thread, never on
 * the network thread, one message at a time per subscription, in order of arrival. An exception
 * thrown here is logged and does not harm the connection or other subscriptions.
 */
@ConsumerType
@FunctionalInterface
public interface MessageHandler {

    void handle(MqttMessage message);
}
