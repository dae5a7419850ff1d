package org.openioto.mqtt;

import java.util.Optional;

/**
 * A snapshot of the connection, for the shell and for health checks.
 *
 * @param state connected, connecting, disconnected, blocked (throttled closed) or stopped
 * @param endpoint {@code host:port}, empty until configured
 * @param inFlight messages sent and not yet acknowledged
 * @param queued messages in the durable queue, sent or not
 * @param sent messages sent since start
 * @param received messages received since start
 * @param lastError the last connection error, if any
 */
public record MqttStatus(String state, String endpoint, long inFlight, long queued, long sent, long received,
        Optional<String> lastError) {
}
