package org.openioto.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.openioto.mqtt.MqttConnection;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.MqttStatus;
import org.openioto.mqtt.Publication;
import org.openioto.mqtt.Qos;
import org.openioto.mqtt.Subscription;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell commands of the MQTT connection: {@code ioto:mqtt}, {@code ioto:publish},
 * {@code ioto:subscribe}. They print on the session's output; wrong arguments throw
 * IllegalArgumentException saying what is wrong.
 */
@Component(service = MqttCommands.class, property = {"osgi.command.scope=ioto", "osgi.command.function=mqtt",
        "osgi.command.function=publish", "osgi.command.function=subscribe"})
public final class MqttCommands {

    private static final int MAX_COUNT = 10_000;

    private final MqttConnection mqtt;

    @Activate
    public MqttCommands(@Reference MqttConnection mqtt) {
        this.mqtt = mqtt;
    }

    @Descriptor("the state of the MQTT connection: endpoint, in flight, queued, counts, last error")
    public void mqtt() {
        MqttStatus s = mqtt.status();
        System.out.printf("State:      %s%nEndpoint:   %s%nIn flight:  %d%nQueued:     %d%nSent:       %d%n"
                + "Received:   %d%nLast error: %s%n", s.state(), s.endpoint().isEmpty() ? "-" : s.endpoint(), s.inFlight(), s.queued(), s.sent(),
                s.received(), s.lastError().orElse("-"));
    }

    @Descriptor("publish a message and wait for the broker's acknowledgement")
    public void publish(@Descriptor("QoS 0, 1 or 2") @Parameter(names = {"-q", "--qos"}, absentValue = "1") int qos,
            @Descriptor("seconds to wait for the acknowledgement; 0 returns once queued")
            @Parameter(names = {"-w", "--wait"}, absentValue = "30") int wait,
            @Descriptor("retain") @Parameter(names = {"-r", "--retain"}, presentValue = "true", absentValue = "false")
            boolean retain, @Descriptor("topic") String topic, @Descriptor("payload (UTF-8)") String payload)
            throws Exception {
        if (wait < 0) {
            throw new IllegalArgumentException("-w must be 0 or more seconds, not " + wait);
        }
        Publication p = mqtt.publish(topic, payload.getBytes(StandardCharsets.UTF_8), Qos.of(qos), retain);
        try {
            p.acknowledged().toCompletableFuture().get(wait, TimeUnit.SECONDS);
            System.out.println("published to " + topic + (qos > 0 ? ", acknowledged" : ", sent"));
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("queued for " + topic + (wait > 0 ? "; not acknowledged within " + wait + " s" : "")
                    + " (it stays queued; connection " + mqtt.status().state() + ")");
        }
    }

    @Descriptor("print messages on a topic filter until COUNT arrived or the time is up")
    public void subscribe(@Descriptor("messages to wait for") @Parameter(names = {"-n", "--count"}, absentValue = "1") int count,
            @Descriptor("seconds to wait") @Parameter(names = {"-t", "--timeout"}, absentValue = "30") int seconds,
            @Descriptor("topic filter") String filter) throws InterruptedException {
        if (count < 1 || count > MAX_COUNT || seconds < 1) {
            throw new IllegalArgumentException("-n must be 1.." + MAX_COUNT + " and -t at least 1, not " + count + " and " + seconds);
        }
        BlockingQueue<MqttMessage> got = new LinkedBlockingQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (Subscription s = mqtt.subscribe(filter, Qos.AT_LEAST_ONCE, got::add)) {
            for (int i = 0; i < count; i++) {
                MqttMessage m = got.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    System.out.println("(" + i + " of " + count + " messages within " + seconds + " s)");
                    return;
                }
                System.out.println(m.topic() + (m.retained() ? " (retained)" : "") + ": " + m.text());
            }
        }
    }
}
