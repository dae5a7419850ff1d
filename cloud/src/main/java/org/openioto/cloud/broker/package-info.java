/**
 * The local cloud's MQTT broker: an embedded Moquette that admits devices by their CA-issued
 * certificate, binds each one's client id to its certificate CN, confines it to its own topics,
 * and connects the rest of the cloud through {@link org.openioto.cloud.broker.Broker#publish}
 * and an {@link org.openioto.cloud.broker.Inbound} listener.
 */
package org.openioto.cloud.broker;
