package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.Qos;

/**
 * {@code mqtt.schedule: 'never'}: no connection until something needs one, a publish or a
 * subscription, and none kept once idle for {@code mqtt.timeout}. Against a real Mosquitto.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OnDemandIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Mosquitto broker;
    private PahoPeer cloud;
    private PahoMqttConnection mqtt;
    private final RecordingLogs logs = new RecordingLogs();

    @BeforeEach
    void start() throws Exception {
        broker = new Mosquitto(dir.resolve("broker")).start();
        cloud = new PahoPeer(broker.uri(), "cloud").subscribe("plain/#", 1);
        mqtt = new PahoMqttConnection(Configs.mqtt(dir.resolve("state"), "endpoint", broker.uri().replace("tcp:", "mqtt:"),
                "schedule", "never", "timeout", "1 sec"), Configs.identity("ONDEMAND"), logs.factory());
    }

    @AfterEach
    void stop() throws Exception {
        mqtt.deactivate();
        cloud.close();
        broker.close();
    }

    @Test
    void connectsToPublishAndLeavesWhenIdle() throws Exception {
        // nothing to send: no connection, however long one waits (here, longer than a connect takes)
        TimeUnit.MILLISECONDS.sleep(1500);
        assertThat(mqtt.status().state()).startsWith("idle");
        assertThat(logs.lines).noneMatch(l -> l.contains("Connected to mqtt"));

        mqtt.publish("plain/a", "first".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false)
                .awaitAcknowledged(WAIT);
        await().atMost(WAIT).until(() -> cloud.texts().contains("first"));
        await().atMost(WAIT).until(() -> logs.lines.contains("mqtt: info: Closed the idle cloud connection: nothing to send (mqtt.timeout)"));
        assertThat(mqtt.status().state()).startsWith("idle");

        mqtt.publish("plain/a", "second".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false)
                .awaitAcknowledged(WAIT);
        await().atMost(WAIT).until(() -> cloud.texts().contains("second"));
        assertThat(logs.lines.stream().filter(l -> l.startsWith("mqtt: info: Connected to mqtt"))).hasSize(2);
        assertThat(logs.lines).noneMatch(l -> l.startsWith("mqtt: warn"));
    }

    @Test
    void connectsForASubscription() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        mqtt.subscribe("news/#", Qos.AT_LEAST_ONCE, m -> got.add(new String(m.payload(), StandardCharsets.UTF_8)));
        await().atMost(WAIT).until(() -> mqtt.status().state().equals("connected"));
        // the broker has the subscription once a retained-free probe comes through
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            cloud.publish("news/today", "probe", 1, false);
            return got.contains("probe");
        });
    }
}
