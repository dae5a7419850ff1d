package org.openioto.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openioto.mqtt.MqttException;
import org.openioto.mqtt.MqttMessage;
import org.openioto.mqtt.Qos;

/** The connection against a real Mosquitto on loopback, with a raw Paho client as the cloud. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MqttConnectionIT {

    private static final String ID = "TESTDEVICE";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Mosquitto broker;
    private PahoMqttConnection mqtt;
    private PahoPeer cloud;
    private final RecordingLogs logs = new RecordingLogs();

    @BeforeEach
    void start() throws Exception {
        broker = new Mosquitto(dir.resolve("broker")).persistent().start();
        cloud = new PahoPeer(broker.uri(), "cloud").subscribe("ioto/service/#", 1).subscribe("plain/#", 2);
        mqtt = connection();
        await("connected").atMost(WAIT).until(() -> mqtt.status().state().equals("connected"));
    }

    private PahoMqttConnection connection() {
        return new PahoMqttConnection(Configs.mqtt(dir.resolve("state"), "endpoint", broker.uri().replace("tcp:", "mqtt:"),
                "backoffMax", "1 sec"), Configs.identity(ID), logs.factory());
    }

    @AfterEach
    void stop() throws Exception {
        if (mqtt != null) {
            mqtt.deactivate();
        }
        cloud.close();
        broker.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void logsTheConnectLineOfTheSeed() {
        assertThat(logs.lines).contains("mqtt: info: Connected to mqtt: 127.0.0.1:" + broker.port());
    }

    @Test
    void publishesAtEveryQos() throws Exception {
        for (Qos qos : Qos.values()) {
            mqtt.publish("plain/q" + qos.value(), utf8("hello " + qos), qos, false).acknowledged().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> cloud.got.size() == 3);
        assertThat(cloud.got).extracting(PahoPeer.Got::topic, PahoPeer.Got::text).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("plain/q0", "hello AT_MOST_ONCE"),
                org.assertj.core.groups.Tuple.tuple("plain/q1", "hello AT_LEAST_ONCE"),
                org.assertj.core.groups.Tuple.tuple("plain/q2", "hello EXACTLY_ONCE"));
        assertThat(cloud.got).extracting(PahoPeer.Got::qos).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void blockingHelpersWaitForTheBrokerOrSayWhyNot() throws Exception {
        mqtt.publish("plain/wait", utf8("acked"), Qos.AT_LEAST_ONCE, false).awaitAcknowledged(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> cloud.texts().contains("acked"));
        broker.stop();
        await().atMost(WAIT).until(() -> !mqtt.status().state().equals("connected"));
        org.openioto.mqtt.Publication later = mqtt.publish("plain/wait", utf8("later"), Qos.AT_LEAST_ONCE, false);
        assertThatThrownBy(() -> later.awaitAcknowledged(Duration.ofMillis(300))).isInstanceOf(MqttException.class)
                .hasMessageContaining("not acknowledged within 300 ms; it stays queued");
        broker.start();
        cloud.awaitConnected(WAIT);
        later.awaitAcknowledged(Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> cloud.texts().contains("later"));
    }

    @Test
    void receivesAtEveryQosWithRetainVisible() throws Exception {
        // a filter outside the master subscription, so the broker sends the retained message on SUBSCRIBE
        cloud.publish("fleet/retained", "kept", 1, true);
        List<MqttMessage> got = new CopyOnWriteArrayList<>();
        mqtt.subscribe("fleet/retained", Qos.AT_LEAST_ONCE, got::add);
        mqtt.subscribe("other/+/x", Qos.EXACTLY_ONCE, got::add);
        await().atMost(WAIT).untilAsserted(() -> assertThat(got).isNotEmpty());
        for (int qos = 0; qos < 3; qos++) {
            cloud.publish("other/" + qos + "/x", "q" + qos, qos, false);
        }
        await().atMost(WAIT).until(() -> got.size() == 4);
        assertThat(got.get(0).retained()).isTrue();
        assertThat(got.get(0).text()).isEqualTo("kept");
        assertThat(got.subList(1, 4)).extracting(MqttMessage::text).containsExactlyInAnyOrder("q0", "q1", "q2");
    }

    @Test
    void routesUnderTheMasterSubscriptionWithWildcards() throws Exception {
        List<String> sync = new CopyOnWriteArrayList<>();
        List<String> all = new CopyOnWriteArrayList<>();
        mqtt.subscribe("ioto/device/" + ID + "/sync/+", Qos.AT_LEAST_ONCE, m -> sync.add(m.topic()));
        mqtt.subscribe("ioto/device/" + ID + "/#", Qos.AT_LEAST_ONCE, m -> all.add(m.topic()));
        cloud.publish("ioto/device/" + ID + "/sync/SYNC", "{}", 1, false);
        cloud.publish("ioto/device/" + ID + "/provision/release", "0", 1, false);
        cloud.publish("ioto/device/OTHERDEVICE/sync/SYNC", "{}", 1, false);
        await().atMost(WAIT).until(() -> all.size() == 2);
        assertThat(sync).containsExactly("ioto/device/" + ID + "/sync/SYNC");
    }

    @Test
    void aHandlerThatThrowsHarmsNothing() throws Exception {
        List<String> good = new CopyOnWriteArrayList<>();
        mqtt.subscribe("ioto/device/" + ID + "/x", Qos.AT_LEAST_ONCE, m -> {
            throw new IllegalStateException("handler bug");
        });
        mqtt.subscribe("ioto/device/" + ID + "/x", Qos.AT_LEAST_ONCE, m -> good.add(m.text()));
        cloud.publish("ioto/device/" + ID + "/x", "1", 1, false);
        cloud.publish("ioto/device/" + ID + "/x", "2", 1, false);
        await().atMost(WAIT).until(() -> good.size() == 2);
        assertThat(mqtt.status().state()).isEqualTo("connected");
        assertThat(logs.has("handler bug")).isTrue();
    }

    @Test
    void requestGetsTheReplyWithTheSameSequence() throws Exception {
        cloud.respond((topic, m) -> {
            if (topic.startsWith("ioto/service/" + ID + "/metric/get/")) {
                String seq = topic.substring(topic.lastIndexOf('/') + 1);
                try {
                    cloud.client().publish("ioto/device/" + ID + "/metric/get/" + seq, utf8("4.2 for " + seq), 1, false);
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        MqttMessage first = mqtt.request("metric/get", utf8("{\"metric\":\"COUNTER\"}"), Duration.ofSeconds(10))
                .toCompletableFuture().get(15, TimeUnit.SECONDS);
        MqttMessage second = mqtt.request("metric/get", utf8("{}"), Duration.ofSeconds(10))
                .toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertThat(first.text()).isEqualTo("4.2 for 100");
        assertThat(second.text()).isEqualTo("4.2 for 101");
        assertThat(cloud.got).extracting(PahoPeer.Got::topic)
                .contains("ioto/service/" + ID + "/metric/get/100", "ioto/service/" + ID + "/metric/get/101");
    }

    @Test
    void aRequestWithoutReplyTimesOut() {
        assertThatThrownBy(() -> mqtt.request("store/get", utf8("{\"key\":\"k\"}"), Duration.ofMillis(300))
                .toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MqttException.class).hasMessageContaining("timed out");
    }

    @Test
    void refusesOversizedPayloadsAndTopics() {
        assertThatThrownBy(() -> mqtt.publish("plain/big", new byte[128 * 1024 + 1], Qos.AT_LEAST_ONCE, false))
                .isInstanceOf(MqttException.class).hasMessageContaining("131073 bytes").hasMessageContaining("mqtt.maxMessage");
        assertThatThrownBy(() -> mqtt.publish("t/" + "x".repeat(300), utf8("x"), Qos.AT_LEAST_ONCE, false))
                .isInstanceOf(MqttException.class).hasMessageContaining("mqtt.maxTopic");
        assertThatThrownBy(() -> mqtt.subscribe("a/#/b", Qos.AT_LEAST_ONCE, m -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyAcknowledgedMessageArrivesAcrossABrokerRestart() throws Exception {
        int total = 2000;
        List<java.util.concurrent.CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
        for (int i = 0; i < total; i++) {
            acks.add(mqtt.publish("plain/n", utf8(Integer.toString(i)), Qos.AT_LEAST_ONCE, false).acknowledged()
                    .toCompletableFuture());
            if (i == total / 2) {
                broker.stop();
            }
            if (i == total * 3 / 4) {
                broker.start();
                cloud.awaitConnected(Duration.ofSeconds(20));
            }
        }
        await("every publish acknowledged").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(acks.stream().filter(f -> !f.isDone()).count())
                        .as("unacknowledged; status %s", mqtt.status()).isZero());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(cloud.texts().stream().distinct().count())
                .as("peer connected: %s, broker log: %s", cloud.client().isConnected(), broker.log()).isEqualTo(total));
        assertThat(cloud.texts()).containsAll(IntStream.range(0, total).mapToObj(Integer::toString).toList());
    }

    @Test
    void aThrottleNoticeSlowsPublishingAndCloseBlocksTheConnection() throws Exception {
        long now = System.currentTimeMillis();
        cloud.publish("ioto/device/" + ID + "/mqtt/throttle", "{\"timestamp\": " + now + ", \"close\": false}", 1, false);
        await().atMost(WAIT).until(() -> logs.has("Cloud asks to slow down: 2000 ms"));
        long before = System.nanoTime();
        mqtt.publish("plain/slow", utf8("after throttle"), Qos.AT_LEAST_ONCE, false).acknowledged().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        // the first publish after a notice waits for the delay (minus its decay): about 2 s
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThan(Duration.ofMillis(1500));

        cloud.publish("ioto/device/" + ID + "/mqtt/throttle", "{\"timestamp\": " + now + ", \"close\": true}", 1, false);
        await().atMost(WAIT).until(() -> mqtt.status().state().equals("blocked"));
        assertThat(logs.has("Cloud connection blocked due to persistent excessive I/O for 1 hour")).isTrue();
        mqtt.publish("plain/blocked", utf8("waits"), Qos.AT_LEAST_ONCE, false);
        assertThat(mqtt.status().queued()).isEqualTo(1);
        assertThat(cloud.texts()).doesNotContain("waits");
    }

    @Test
    void malformedThrottleNoticesAreIgnored() throws Exception {
        cloud.publish("ioto/device/" + ID + "/mqtt/throttle", "not json", 1, false);
        cloud.publish("ioto/device/" + ID + "/mqtt/throttle", "{\"timestamp\": 1, \"close\": true}", 1, false);
        await().atMost(WAIT).until(() -> logs.has("malformed throttle"));
        mqtt.publish("plain/after", utf8("still here"), Qos.AT_LEAST_ONCE, false).acknowledged().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(mqtt.status().state()).isEqualTo("connected");
    }
}
