package org.openioto.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What became of a message given to {@link MqttConnection#publish}: Ioto's wait modes NONE
 * (ignore this), SENT ({@link #sent()}) and ACK ({@link #acknowledged()}).
 *
 * <p>Both stages complete on the connection's network thread; attach only quick actions, or use
 * the async variants. A message accepted with QoS 1 or 2 is kept until acknowledged, so its
 * stages stay pending while the connection is down rather than failing; they fail only if the
 * message is dropped (QoS 0 when the queue is full) or the connection service stops before the
 * message is acknowledged, in which case it is still in the durable queue and is sent after the
 * next start.
 */
@ProviderType
public interface Publication {

    /** Completes once the message has been written to the network. */
    CompletionStage<Void> sent();

    /**
     * Completes once the broker has acknowledged the message (PUBACK for QoS 1, PUBCOMP for
     * QoS 2); for QoS 0 it completes when the message is sent.
     */
    CompletionStage<Void> acknowledged();

    /**
     * Blocks until the message was written (Ioto's WAIT_SENT), at most {@code timeout}.
     *
     * @throws MqttException if it was not written in time (it stays queued) or was dropped
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default void awaitSent(Duration timeout) throws InterruptedException {
        await(sent(), timeout, "written");
    }

    /**
     * Blocks until the broker acknowledged the message (Ioto's WAIT_ACK), at most {@code timeout}.
     *
     * @throws MqttException if it was not acknowledged in time (it stays queued) or was dropped
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default void awaitAcknowledged(Duration timeout) throws InterruptedException {
        await(acknowledged(), timeout, "acknowledged");
    }

    private static void await(CompletionStage<Void> stage, Duration timeout, String what) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new MqttException("the message was not " + what + " within " + timeout.toMillis()
                    + " ms; it stays queued", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MqttException m ? m : new MqttException(e.getCause().toString(), e.getCause());
        }
    }
}
