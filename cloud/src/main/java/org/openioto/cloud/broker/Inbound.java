package org.openioto.cloud.broker;

/**
 * Receives every message a client publishes and the broker accepts, after authorisation.
 *
 * <p>Called on the broker's single inbound thread, in the order the broker saw the messages; a
 * slow listener delays later messages but never the broker. An exception thrown here is logged
 * and the message is dropped.
 */
@FunctionalInterface
public interface Inbound {

    /**
     * Handles one published message.
     *
     * @param clientId the publishing client's id, which over TLS is its certificate's CN
     * @param topic the topic it published to
     * @param payload a copy of the payload, the listener's to keep
     */
    void accept(String clientId, String topic, byte[] payload);
}
