package org.openioto.mqtt;

/**
 * A publish, subscribe or request that the connection refused or could not complete. The
 * message says what and why, for example a topic longer than the limit, a full queue, or a
 * request that timed out.
 */
public class MqttException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MqttException(String message) {
        super(message);
    }

    public MqttException(String message, Throwable cause) {
        super(message, cause);
    }
}
